import { z } from "zod";
import type { AgentConfig } from "./config";

type ParamSpec = AgentConfig["params"][string];

const BASE: Record<ParamSpec["type"], z.ZodType> = {
  string: z.string().max(1000),
  number: z.number(),
  integer: z.number().int(),
  boolean: z.boolean(),
};

function paramValueSchema(spec: ParamSpec): z.ZodType {
  const allowed = spec.enum;
  const checked = allowed
    ? BASE[spec.type].refine((value) => allowed.includes(value as string | number), `must be one of ${allowed.join(", ")}`)
    : BASE[spec.type];
  const described = spec.description ? checked.describe(spec.description) : checked;
  return spec.default === undefined ? described : described.default(spec.default);
}

// Built once per agent config: every run checks its params against it.
const schemas = new WeakMap<AgentConfig["params"], z.ZodType<Record<string, unknown>>>();

/** The agent's params schema: declared names only, defaults applied. Types come from the config. */
export function paramsSchema(agent: AgentConfig) {
  let schema = schemas.get(agent.params);
  if (!schema) {
    schema = z.strictObject(Object.fromEntries(Object.entries(agent.params).map(([name, spec]) => [name, paramValueSchema(spec)])));
    schemas.set(agent.params, schema);
  }
  return schema;
}

type ParamsResult = { ok: true; params: Record<string, unknown> } | { ok: false; error: string };

export function resolveParams(agent: AgentConfig, input: unknown = {}): ParamsResult {
  const parsed = paramsSchema(agent).safeParse(input ?? {});
  if (parsed.success) return { ok: true, params: parsed.data };
  return { ok: false, error: parsed.error.issues.map((i) => `params.${i.path.join(".") || ""}: ${i.message}`).join("; ") };
}

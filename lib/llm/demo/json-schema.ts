import { z } from "zod";

/**
 * The parts of a JSON Schema the demo model reads, parsed leniently: a keyword of the wrong type is
 * dropped rather than failing the whole schema, because tool schemas come from anywhere (MCP servers).
 */
const bound = z.number().optional().catch(undefined);
const schemaNode = z.object({
  type: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .catch(undefined),
  description: z.string().optional().catch(undefined),
  properties: z.record(z.string(), z.unknown()).optional().catch(undefined),
  required: z.array(z.string()).optional().catch(undefined),
  items: z.unknown().optional(),
  enum: z.array(z.unknown()).nonempty().optional().catch(undefined),
  const: z.unknown().optional(),
  default: z.unknown().optional(),
  format: z.string().optional().catch(undefined),
  minimum: bound,
  maximum: bound,
  exclusiveMinimum: bound,
  exclusiveMaximum: bound,
  minLength: bound,
  maxLength: bound,
  minItems: bound,
  anyOf: z.array(z.unknown()).optional().catch(undefined),
  oneOf: z.array(z.unknown()).optional().catch(undefined),
});

export type SchemaNode = Omit<z.infer<typeof schemaNode>, "anyOf" | "oneOf">;

/** Reads a schema node; a union (`anyOf`/`oneOf`, as for nullable fields) reads as its first non-null branch. */
export function readSchema(value: unknown): SchemaNode {
  const parsed = schemaNode.safeParse(value);
  if (!parsed.success) return {};
  const { anyOf, oneOf, ...node } = parsed.data;
  const branch = (anyOf ?? oneOf)?.map(readSchema).find((candidate) => primaryType(candidate) !== "null");
  return { ...branch, ...node };
}

/** The type a value must have: the declared one (ignoring "null" in a list), else what the keywords imply. */
export function primaryType(node: SchemaNode): string | undefined {
  const declared = typeof node.type === "string" ? [node.type] : (node.type ?? []);
  const type = declared.find((candidate) => candidate !== "null") ?? declared[0];
  if (type) return type;
  if (node.properties) return "object";
  if (node.items !== undefined) return "array";
  const sample = typeof (node.const ?? node.enum?.[0]);
  return sample === "string" || sample === "number" || sample === "boolean" ? sample : undefined;
}

export function propertiesOf(node: SchemaNode): Array<[name: string, node: SchemaNode]> {
  return Object.entries(node.properties ?? {}).map(([name, child]) => [name, readSchema(child)]);
}

export function fitNumber(value: number, node: SchemaNode): number {
  const integer = primaryType(node) === "integer";
  let fitted = integer ? Math.round(value) : value;
  if (node.minimum !== undefined) fitted = Math.max(fitted, node.minimum);
  if (node.maximum !== undefined) fitted = Math.min(fitted, node.maximum);
  if (node.exclusiveMinimum !== undefined && fitted <= node.exclusiveMinimum) fitted = node.exclusiveMinimum + 1;
  if (node.exclusiveMaximum !== undefined && fitted >= node.exclusiveMaximum) fitted = node.exclusiveMaximum - 1;
  return integer ? Math.ceil(fitted) : fitted;
}

export function fitString(value: string, node: SchemaNode): string {
  const cut = node.maxLength === undefined ? value : value.slice(0, node.maxLength);
  return cut.padEnd(node.minLength ?? 0, ".");
}

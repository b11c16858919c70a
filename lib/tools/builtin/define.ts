import { z } from "zod";
import type { RuntimeTool, ToolCallOptions } from "../types";

/** A built-in tool from a zod input schema: the model gets its JSON Schema, the input is validated. */
export function defineTool<S extends z.ZodObject>(spec: {
  name: string;
  description: string;
  input: S;
  execute: (input: z.infer<S>, options: ToolCallOptions) => Promise<unknown> | unknown;
  /** See RuntimeTool; required, so that every new tool says whether a crash may repeat its call. */
  idempotent: boolean;
}): RuntimeTool {
  return {
    ref: spec.name,
    name: spec.name,
    description: spec.description,
    inputSchema: z.toJSONSchema(spec.input, { target: "draft-7" }) as RuntimeTool["inputSchema"],
    idempotent: spec.idempotent,
    async execute(input, options) {
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) throw new Error(`Invalid arguments: ${z.prettifyError(parsed.error)}`);
      return spec.execute(parsed.data, options);
    },
  };
}

import { z } from "zod";
import { evaluate } from "./arithmetic";
import { defineTool } from "./define";

export const calculator = defineTool({
  name: "calculator",
  description:
    "Evaluate an arithmetic expression exactly: + - * / % ^, parentheses, sqrt, abs, round, floor, ceil, sin, cos, tan, ln, log, exp, pi, e.",
  idempotent: true,
  input: z.object({ expression: z.string().min(1).max(500).describe("The expression, e.g. (12 + 30) * 2") }),
  execute: ({ expression }) => ({ expression, result: evaluate(expression) }),
});

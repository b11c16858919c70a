/**
 * Blocks the runtime writes into system prompts: a real model reads them as instructions and data,
 * the demo model parses them to know what to produce and what earlier phases found.
 */

const BLOCK = /<output_schema name="([^"]+)">\n([\s\S]*?)\n<\/output_schema>/;

export function renderOutputInstructions(name: string, schema: object) {
  return [
    `When you have what you need, answer with one JSON object named ${name} that matches this JSON Schema.`,
    "Reply with the JSON only: no prose, no code fence.",
    `<output_schema name="${name}">`,
    JSON.stringify(schema, null, 2),
    "</output_schema>",
  ].join("\n");
}

export function findOutputInstructions(text: string): { name: string; schema: Record<string, unknown> } | undefined {
  const match = BLOCK.exec(text);
  if (!match) return undefined;
  try {
    return { name: match[1]!, schema: JSON.parse(match[2]!) };
  } catch {
    return undefined;
  }
}

const TOOL_RESULT = /<tool_result tool="([^"]+)">\n([\s\S]*?)\n<\/tool_result>/g;

/** A tool result of an earlier phase, verbatim, so a later phase answers from data, not from prose. */
export function renderToolResult(tool: string, result: unknown) {
  return `<tool_result tool="${tool}">\n${JSON.stringify(result)}\n</tool_result>`;
}

export function findToolResults(text: string): { tool: string; result: unknown }[] {
  return [...text.matchAll(TOOL_RESULT)].flatMap((match) => {
    try {
      return [{ tool: match[1]!, result: JSON.parse(match[2]!) }];
    } catch {
      return [];
    }
  });
}

const PARAMS_HEADING = "Parameters for this conversation:";
const PARAM_LINE = /^- ([^:\n]+): (.*)$/gm;

/** The conversation's params, one `- name: <JSON>` line each, under a heading a model can follow. */
export function renderParams(params: Record<string, unknown>) {
  return [PARAMS_HEADING, ...Object.entries(params).map(([name, value]) => `- ${name}: ${JSON.stringify(value)}`)].join("\n");
}

export function findParams(text: string): Record<string, unknown> {
  const start = text.indexOf(PARAMS_HEADING);
  if (start < 0) return {};
  const block = text.slice(start + PARAMS_HEADING.length).split("\n\n")[0]!;
  return Object.fromEntries(
    [...block.matchAll(PARAM_LINE)].flatMap(([, name, value]) => {
      try {
        return [[name!, JSON.parse(value!)]];
      } catch {
        return [];
      }
    }),
  );
}

import { ATTR } from "./attributes";
import { recordToolCall } from "./metrics";
import { inSpan } from "./tracer";

/** Traces and measures one tool call (of an MCP `server`, or a built-in): success means `execute` resolved. */
export function observeToolCall<T>(ref: string, server: string | undefined, callId: string, execute: () => Promise<T>): Promise<T> {
  const attributes = {
    [ATTR.operation]: "execute_tool",
    [ATTR.toolName]: ref,
    [ATTR.toolCallId]: callId,
    ...(server && { [ATTR.toolServer]: server }),
  };
  return inSpan(`execute_tool ${ref}`, { attributes }, async (span) => {
    const started = performance.now();
    const settle = (success: boolean) => {
      const ms = performance.now() - started;
      span.setAttributes({ [ATTR.toolSuccess]: success, [ATTR.toolDurationMs]: Math.round(ms) });
      recordToolCall(ref, success, ms / 1000);
    };
    try {
      const result = await execute();
      settle(true);
      return result;
    } catch (error) {
      settle(false);
      throw error;
    }
  });
}

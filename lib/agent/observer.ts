import type { Usage } from "./events";

/** How one model call ended, for whoever traces it. */
type ModelCallEnd = { responseModel?: string; finishReason: string; usage: Usage };

/**
 * What a run reports to whoever watches it (tracing and metrics, wired in by lib/runs): each phase,
 * model call and tool call, around the work itself. The agent works the same unwatched.
 */
export type AgentObserver = {
  phase<T extends { usage: Usage }>(phaseId: string, run: () => Promise<T>): Promise<T>;
  modelCall(provider: string, modelId: string): { end(result: ModelCallEnd): void; fail(error: unknown): void };
  toolCall<T>(ref: string, callId: string, run: () => Promise<T>): Promise<T>;
};

export const UNOBSERVED: AgentObserver = {
  phase: (_phaseId, run) => run(),
  modelCall: () => ({ end: () => {}, fail: () => {} }),
  toolCall: (_ref, _callId, run) => run(),
};

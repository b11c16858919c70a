import type { PhaseData } from "@/lib/chat/message";

export type PlannedPhase = Pick<PhaseData, "phase_id" | "description">;

type Props = { phases: PhaseData[]; planned: PlannedPhase[]; streaming: boolean };

/**
 * The agent's phases for this answer, in order: done, running, or pending until they start
 * ("stopped" when the run ended before them). Single-phase agents show none.
 */
export function PhaseTimeline({ phases, planned, streaming }: Props) {
  if (planned.length < 2) return null;
  const started = new Map(phases.map((phase) => [phase.phase_id, phase]));
  return (
    <ol aria-label="Phases" className="flex flex-wrap items-center gap-2 text-xs">
      {planned.map((plan) => {
        const phase: PhaseData = started.get(plan.phase_id) ?? { ...plan, status: "running" };
        const pending = !started.has(plan.phase_id);
        const running = !pending && phase.status === "running" && streaming;
        return (
          <li
            key={phase.phase_id}
            data-status={pending ? (streaming ? "pending" : "stopped") : running ? "running" : phase.status}
            className="flex items-center gap-1.5 rounded-full border border-neutral-200 px-2.5 py-1 dark:border-neutral-800"
          >
            <span
              aria-hidden
              className={`size-2 rounded-full ${phase.status === "done" && !pending ? "bg-emerald-500" : running ? "animate-pulse bg-blue-500" : "bg-neutral-300 dark:bg-neutral-700"}`}
            />
            <span className="font-medium">{phase.description}</span>
            <span className="text-neutral-500">
              {pending
                ? streaming
                  ? "pending"
                  : "not run"
                : phase.status === "done"
                  ? `done${phase.duration_ms !== undefined ? ` · ${(phase.duration_ms / 1000).toFixed(1)} s` : ""}`
                  : running
                    ? "running"
                    : "stopped"}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

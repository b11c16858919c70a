import type { PhaseData } from "@/lib/chat/message";

/** The agent's phases for this answer: done, running (or pending when the run is over without them). */
export function PhaseTimeline({ phases, streaming }: { phases: PhaseData[]; streaming: boolean }) {
  if (phases.length < 2 && phases.every((phase) => phase.phase_id === "answer")) return null;
  return (
    <ol aria-label="Phases" className="flex flex-wrap items-center gap-2 text-xs">
      {phases.map((phase) => {
        const running = phase.status === "running" && streaming;
        return (
          <li
            key={phase.phase_id}
            data-status={running ? "running" : phase.status}
            className="flex items-center gap-1.5 rounded-full border border-neutral-200 px-2.5 py-1 dark:border-neutral-800"
          >
            <span
              aria-hidden
              className={`size-2 rounded-full ${phase.status === "done" ? "bg-emerald-500" : running ? "animate-pulse bg-blue-500" : "bg-neutral-400"}`}
            />
            <span className="font-medium">{phase.description}</span>
            <span className="text-neutral-500">
              {phase.status === "done" ? `done${phase.duration_ms !== undefined ? ` · ${(phase.duration_ms / 1000).toFixed(1)} s` : ""}` : running ? "running" : "stopped"}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

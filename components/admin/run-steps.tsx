type Step = { key: string; kind: string; status: string; attempt: number; startedAt: Date; finishedAt: Date | null };

/** A run's step journal: each model call, tool call and structured output, with its attempts (above 1 after a resume). */
export function RunSteps({ steps }: { steps: Step[] }) {
  if (steps.length === 0) return null;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-neutral-600 dark:text-neutral-400">
        Steps ({steps.length}
        {steps.some((step) => step.attempt > 1) && ", some made again after a resume"})
      </summary>
      <div className="overflow-x-auto">
        <table className="mt-1 w-full font-mono">
          <thead className="text-left text-neutral-500">
            <tr>
              <th className="pr-3 font-normal">step</th>
              <th className="pr-3 font-normal">kind</th>
              <th className="pr-3 text-right font-normal">attempts</th>
              <th className="pr-3 font-normal">status</th>
              <th className="text-right font-normal">took</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((step) => (
              <tr key={step.key} className="border-t border-neutral-100 dark:border-neutral-900">
                <td className="pr-3 break-all">{step.key}</td>
                <td className="pr-3">{step.kind}</td>
                <td
                  className={`pr-3 text-right tabular-nums ${step.attempt > 1 ? "font-semibold text-amber-700 dark:text-amber-400" : ""}`}
                >
                  {step.attempt}
                </td>
                <td className="pr-3">{step.status === "done" ? "done" : "cut off"}</td>
                <td className="text-right whitespace-nowrap tabular-nums">
                  {step.finishedAt ? `${((step.finishedAt.getTime() - step.startedAt.getTime()) / 1000).toFixed(2)} s` : "–"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

import { duration, when } from "@/components/format";
import { Table } from "@/components/table";
import type { WorkersOverview } from "@/lib/admin/workers";

const muted = "text-sm text-neutral-600 dark:text-neutral-400";

/** The admin overview's run queue and workers (RUN_EXECUTOR=pgboss), or where runs execute without them. */
export function WorkersSection({ overview }: { overview: WorkersOverview | undefined }) {
  return (
    <section aria-labelledby="workers-heading" className="flex flex-col gap-3">
      <h2 id="workers-heading" className="text-lg font-semibold">
        Workers
      </h2>
      {overview ? (
        <QueueAndWorkers overview={overview} />
      ) : (
        <p className={muted}>
          Runs execute in the web process that accepted them (<code>RUN_EXECUTOR=inline</code>).
        </p>
      )}
    </section>
  );
}

function QueueAndWorkers({ overview }: { overview: WorkersOverview }) {
  const figures = [
    { label: "Waiting for a worker", value: overview.waiting.toLocaleString("en") },
    { label: "Oldest wait", value: duration(overview.oldestWaitMs) },
    { label: "Running on workers", value: overview.active.toLocaleString("en") },
    { label: "Retried (last hour)", value: overview.retriedLastHour.toLocaleString("en") },
  ];
  return (
    <>
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {figures.map((figure) => (
          <div key={figure.label} className="flex flex-col-reverse gap-1 rounded-lg border border-neutral-200 p-4 dark:border-neutral-800">
            <dt className={muted}>{figure.label}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{figure.value}</dd>
          </div>
        ))}
      </dl>
      {overview.workers.length === 0 ? (
        <p className={muted}>No worker is taking runs: they wait until one starts.</p>
      ) : (
        <Table columns={["Worker", "Host", { label: "Concurrency", numeric: true }, { label: "Active runs", numeric: true }, "Last seen"]}>
          {overview.workers.map((worker) => (
            <tr key={worker.instance} className="border-t border-neutral-200 dark:border-neutral-800">
              <td className="py-2 pr-4 font-medium">{worker.instance}</td>
              <td className="py-2 pr-4">
                {worker.host} <span className="text-neutral-600 dark:text-neutral-400">(pid {worker.pid})</span>
              </td>
              <td className="py-2 pr-4 text-right tabular-nums">{worker.concurrency}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{worker.active}</td>
              <td className="py-2 pr-4 whitespace-nowrap">
                <time dateTime={worker.seenAt.toISOString()} title={when(worker.seenAt)}>
                  {worker.lastSeen}
                </time>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RunSteps } from "@/components/admin/run-steps";
import { RunTimeline } from "@/components/admin/run-timeline";
import { StatusBadge } from "@/components/admin/status-badge";
import { Message } from "@/components/chat/message";
import { duration, when } from "@/components/format";
import { adminSessionDetail } from "@/lib/admin/session-detail";
import { requireAdmin } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { runtime } from "@/lib/runs/runtime";

export const metadata: Metadata = { title: "Session · Admin" };

export default async function AdminSessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await requireAdmin();
  const detail = await adminSessionDetail(admin, id).catch((error: unknown) =>
    AppError.isInstance(error) ? notFound() : Promise.reject(error),
  );
  const { session, user, messages, runs } = detail;
  const agent = (await runtime().agents()).agents.get(session.agent)?.config;
  const phases = agent?.phases.map((phase) => ({ phase_id: phase.id, description: phase.description })) ?? [];
  return (
    <section className="flex flex-col gap-6">
      <div>
        <Link href="/admin/sessions" className="text-sm text-neutral-500 hover:underline">
          ← Sessions
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">{session.title}</h1>
        <p className="text-sm text-neutral-600 dark:text-neutral-400">
          {user?.email} · {session.agent} · created {when(session.createdAt)} · last active {when(session.lastActiveAt)} ·{" "}
          {session.messageCount} messages
        </p>
      </div>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div aria-label="Transcript" role="region" className="flex flex-col gap-6">
          <h2 className="text-lg font-semibold">Transcript</h2>
          {messages.length === 0 && <p className="text-sm text-neutral-500">No messages.</p>}
          {messages.map((message) => (
            <Message key={message.id} message={message} phases={phases} streaming={false} readOnly />
          ))}
        </div>
        <div className="flex flex-col gap-6">
          <h2 className="text-lg font-semibold">Runs</h2>
          {runs.length === 0 && <p className="text-sm text-neutral-500">No runs.</p>}
          {runs.map((run) => (
            <article
              key={run.id}
              id={`run-${run.id}`}
              aria-label={`Run ${run.id}`}
              className="flex flex-col gap-2 rounded-lg border border-neutral-200 p-3 dark:border-neutral-800"
            >
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <StatusBadge status={run.status} />
                <span className="font-mono text-xs">{run.id}</span>
              </div>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                <dt className="text-neutral-500">Query</dt>
                <dd className="break-words">{run.query}</dd>
                <dt className="text-neutral-500">Model</dt>
                <dd>{run.model}</dd>
                <dt className="text-neutral-500">Started</dt>
                <dd>{when(run.startedAt ?? run.createdAt)}</dd>
                <dt className="text-neutral-500">Duration</dt>
                <dd>{duration(run.durationMs)}</dd>
                <dt className="text-neutral-500">Tokens</dt>
                <dd>
                  {run.inputTokens ?? 0} in / {run.outputTokens ?? 0} out
                </dd>
                <dt className="text-neutral-500">Executed by</dt>
                <dd className="break-all">
                  <span className="font-mono text-xs">{run.instanceId ?? "no process yet"}</span>
                  {run.attempts > 1 && ` · execution ${run.attempts} (resumed from its journal)`}
                </dd>
                {run.feedback !== null && (
                  <>
                    <dt className="text-neutral-500">Feedback</dt>
                    <dd>{run.feedback > 0 ? "👍 good answer" : "👎 bad answer"}</dd>
                  </>
                )}
                {run.parentRunId && (
                  <>
                    <dt className="text-neutral-500">Follows</dt>
                    <dd className="font-mono text-xs">{run.parentRunId}</dd>
                  </>
                )}
                {run.errorCode && (
                  <>
                    <dt className="text-neutral-500">Error</dt>
                    <dd className="text-red-700 dark:text-red-400">
                      {run.errorCode}: {run.errorMessage}
                    </dd>
                  </>
                )}
              </dl>
              <RunSteps steps={run.steps} />
              <RunTimeline entries={run.timeline} />
            </article>
          ))}
        </div>
      </div>
    </section>
  );
}

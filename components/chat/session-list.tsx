"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { useState, useTransition } from "react";
import { olderSessionsAction } from "@/app/(app)/(chats)/chat/actions";
import { lazyComponent } from "@/components/lazy";
import type { SessionPage } from "@/lib/runs/sessions";
import { AgentIcon } from "./agent-icon";
import { preloadUndo } from "./undo-delete";

// Renaming and deleting are fetched when a row is about to be used: not in the first load.
const RenameForm = lazyComponent(() => import("./session-row-edit").then((module) => module.RenameForm));
const DeleteConfirm = lazyComponent(() => import("./session-row-edit").then((module) => module.DeleteConfirm));
const preloadRowEditing = () => {
  RenameForm.preload();
  preloadUndo();
};

function dayLabel(date: Date) {
  const days = Math.floor((new Date().setHours(0, 0, 0, 0) - new Date(date).setHours(0, 0, 0, 0)) / 86_400_000);
  return days === 0
    ? "Today"
    : days === 1
      ? "Yesterday"
      : new Date(date).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
}

type Props = { firstPage: SessionPage; icons: Record<string, string | undefined>; undoSeconds: number };

const rowButton =
  "min-h-6 min-w-6 px-1 text-neutral-500 focus:opacity-100 sm:opacity-0 sm:group-hover:opacity-100 sm:group-focus-within:opacity-100";

/**
 * The user's chats grouped by day, newest first, a page at a time ("Show older chats"); titles can
 * be renamed; delete asks in the row, then offers Undo for `undoSeconds`.
 */
export function SessionList({ firstPage, icons, undoSeconds }: Props) {
  const { id: current } = useParams<{ id?: string }>();
  const [editing, setEditing] = useState<string>();
  const [confirming, setConfirming] = useState<string>();
  // Older pages continue the first one; when the first page changes (a chat added, moved up or
  // deleted) they no longer join it without a gap, so they are dropped and loaded again on demand.
  const [older, setOlder] = useState<SessionPage & { from: string }>();
  const continued = older && older.from === firstPage.next_before ? older : undefined;
  const sessions = continued ? [...firstPage.sessions, ...continued.sessions] : firstPage.sessions;
  const next = continued ? continued.next_before : firstPage.next_before;
  const [loading, startLoading] = useTransition();
  const showOlder = (from: string, after: string) =>
    startLoading(async () => {
      const page = await olderSessionsAction(after);
      setOlder({ from, sessions: [...(continued?.sessions ?? []), ...page.sessions], next_before: page.next_before });
    });
  const groups = Map.groupBy(sessions, (session) => dayLabel(session.lastActiveAt));
  if (sessions.length === 0) return <p className="px-2 text-sm text-neutral-500">No chats yet.</p>;
  return (
    <nav aria-label="Chats" className="flex flex-col gap-4 text-sm">
      {[...groups].map(([day, items]) => (
        <section key={day}>
          <h2 className="px-2 pb-1 text-xs font-medium text-neutral-500">{day}</h2>
          <ul>
            {items.map((session) => (
              <li
                key={session.id}
                onPointerEnter={preloadRowEditing}
                onFocus={preloadRowEditing}
                className="group flex items-center rounded-md hover:bg-neutral-100 dark:hover:bg-neutral-900"
              >
                {editing === session.id ? (
                  <RenameForm id={session.id} title={session.title} onDone={() => setEditing(undefined)} />
                ) : (
                  <Link
                    href={`/chat/${session.id}`}
                    aria-current={session.id === current ? "page" : undefined}
                    className="flex min-w-0 flex-1 items-center gap-2 px-2 py-1.5 aria-[current=page]:font-semibold"
                  >
                    <AgentIcon name={session.agent} icon={icons[session.agent]} size="sm" />
                    <span className="flex min-w-0 flex-col">
                      <span className="truncate">{session.title}</span>
                      <span className="text-xs font-normal text-neutral-600 dark:text-neutral-400">{session.agent}</span>
                    </span>
                  </Link>
                )}
                {confirming === session.id ? (
                  <DeleteConfirm
                    session={session}
                    open={session.id === current}
                    undoSeconds={undoSeconds}
                    onDone={() => setConfirming(undefined)}
                  />
                ) : (
                  <>
                    <button
                      type="button"
                      aria-label={`Rename ${session.title}`}
                      onClick={() => setEditing(session.id)}
                      className={`${rowButton} hover:text-neutral-900 dark:hover:text-neutral-100`}
                    >
                      ✎
                    </button>
                    <button
                      type="button"
                      aria-label={`Delete ${session.title}`}
                      onClick={() => setConfirming(session.id)}
                      className={`${rowButton} mr-1 hover:text-red-600`}
                    >
                      ×
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {next && (
        <button
          type="button"
          onClick={() => showOlder(firstPage.next_before!, next)}
          disabled={loading}
          className="rounded-md px-2 py-1.5 text-left text-neutral-600 hover:bg-neutral-100 disabled:opacity-60 dark:text-neutral-400 dark:hover:bg-neutral-900"
        >
          {loading ? "Loading…" : "Show older chats"}
        </button>
      )}
    </nav>
  );
}

"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { useState } from "react";
import { deleteSessionAction, renameSessionAction } from "@/app/(app)/chat/actions";

type Session = { id: string; agent: string; title: string; lastActiveAt: Date };

function dayLabel(date: Date) {
  const days = Math.floor((new Date().setHours(0, 0, 0, 0) - new Date(date).setHours(0, 0, 0, 0)) / 86_400_000);
  return days === 0 ? "Today" : days === 1 ? "Yesterday" : new Date(date).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
}

/** The user's chats grouped by day, newest first; titles can be renamed; delete asks first. */
export function SessionList({ sessions }: { sessions: Session[] }) {
  const { id: current } = useParams<{ id?: string }>();
  const [editing, setEditing] = useState<string>();
  const groups = Map.groupBy(sessions, (session) => dayLabel(session.lastActiveAt));
  if (sessions.length === 0) return <p className="px-2 text-sm text-neutral-500">No chats yet.</p>;
  return (
    <nav aria-label="Chats" className="flex flex-col gap-4 text-sm">
      {[...groups].map(([day, items]) => (
        <section key={day}>
          <h2 className="px-2 pb-1 text-xs font-medium text-neutral-500">{day}</h2>
          <ul>
            {items.map((session) => (
              <li key={session.id} className="group flex items-center rounded-md hover:bg-neutral-100 dark:hover:bg-neutral-900">
                {editing === session.id ? (
                  <form
                    action={async (formData) => {
                      await renameSessionAction(formData);
                      setEditing(undefined);
                    }}
                    className="flex-1 px-1 py-1"
                  >
                    <input type="hidden" name="id" value={session.id} />
                    <input
                      name="title"
                      aria-label="Title"
                      defaultValue={session.title}
                      maxLength={120}
                      autoFocus
                      onKeyDown={(event) => event.key === "Escape" && setEditing(undefined)}
                      className="w-full rounded border border-neutral-300 bg-transparent px-1.5 py-1 dark:border-neutral-700"
                    />
                  </form>
                ) : (
                  <Link
                    href={`/chat/${session.id}`}
                    aria-current={session.id === current ? "page" : undefined}
                    className="flex min-w-0 flex-1 flex-col px-2 py-1.5 aria-[current=page]:font-semibold"
                  >
                    <span className="truncate">{session.title}</span>
                    <span className="text-xs text-neutral-500">{session.agent}</span>
                  </Link>
                )}
                <button
                  type="button"
                  aria-label={`Rename ${session.title}`}
                  onClick={() => setEditing(session.id)}
                  className="px-1 text-neutral-400 hover:text-neutral-900 focus:opacity-100 sm:opacity-0 sm:group-hover:opacity-100 dark:hover:text-neutral-100"
                >
                  ✎
                </button>
                <form
                  action={deleteSessionAction}
                  onSubmit={(event) => {
                    if (!confirm(`Delete "${session.title}"? This cannot be undone.`)) event.preventDefault();
                  }}
                >
                  <input type="hidden" name="id" value={session.id} />
                  <input type="hidden" name="current" value={String(session.id === current)} />
                  <button aria-label={`Delete ${session.title}`} className="px-2 text-neutral-400 hover:text-red-600 focus:opacity-100 sm:opacity-0 sm:group-hover:opacity-100">
                    ×
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}

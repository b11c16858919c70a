"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { searchChatsAction } from "@/app/(app)/(chats)/chat/actions";
import type { ChatSearchResult } from "@/lib/chat/recent-sessions";
import { AgentIcon } from "./agent-icon";

// Typing pauses this long before the server is asked, so a word is one search, not one per letter.
const SEARCH_DELAY_MS = 250;

function Snippet({ snippet }: { snippet: NonNullable<ChatSearchResult["snippet"]> }) {
  const { text, match, length } = snippet;
  if (match < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, match)}
      <mark className="rounded-sm bg-yellow-200 text-inherit dark:bg-yellow-800">{text.slice(match, match + length)}</mark>
      {text.slice(match + length)}
    </>
  );
}

/** The chats that match `query`, asked of the server once typing pauses, each with the snippet that matched. */
export function SearchResults({ query, icons }: { query: string; icons: Record<string, string | undefined> }) {
  const [results, setResults] = useState<{ query: string; found: ChatSearchResult[] }>();
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void searchChatsAction(query).then((found) => current && setResults({ query, found }));
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);
  const shown = results?.query === query ? results.found : undefined;
  return (
    <section aria-label="Search results" aria-busy={!shown} className="text-sm">
      {!shown ? (
        <p className="px-2 text-neutral-500">Searching…</p>
      ) : shown.length === 0 ? (
        <p className="px-2 text-neutral-500">No chats match “{query}”.</p>
      ) : (
        <ul>
          {shown.map((session) => (
            <li key={session.id}>
              <Link
                href={`/chat/${session.id}`}
                className="flex items-start gap-2 rounded-md px-2 py-1.5 hover:bg-neutral-100 dark:hover:bg-neutral-900"
              >
                <AgentIcon name={session.agent} icon={icons[session.agent]} size="sm" />
                <span className="flex min-w-0 flex-col">
                  <span className="truncate font-medium">{session.title}</span>
                  {session.snippet && (
                    <span className="line-clamp-2 text-xs text-neutral-600 dark:text-neutral-400">
                      <Snippet snippet={session.snippet} />
                    </span>
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

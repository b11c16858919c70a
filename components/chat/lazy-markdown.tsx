"use client";

import { lazy, Suspense } from "react";

const load = () => import("./markdown");
const Markdown = lazy(() => load().then((module) => ({ default: module.Markdown })));

/**
 * The markdown renderer is the heaviest part of the chat, so it is not in the route's first load.
 * The server renders the Markdown; a new answer in the browser shows as plain text (no blank) until
 * the renderer arrives, and hydration keeps the server's HTML until then.
 */
export function LazyMarkdown({ text }: { text: string }) {
  return (
    <Suspense fallback={<p className="text-[15px] leading-relaxed whitespace-pre-wrap">{text}</p>}>
      <Markdown text={text} />
    </Suspense>
  );
}

/** Starts fetching the renderer early, before the first answer needs it. */
export function preloadMarkdown() {
  void load();
}

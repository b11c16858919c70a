"use client";

import { useEffect, useState, type ComponentType } from "react";

type MarkdownComponent = ComponentType<{ text: string }>;
let loaded: MarkdownComponent | undefined;
const load = () => import("./markdown").then((module) => (loaded = module.Markdown));

/**
 * The markdown renderer is the heaviest part of the chat, so it is not in the route's first load:
 * the text shows as plain text (server-rendered, no blank) until the renderer arrives.
 */
export function LazyMarkdown({ text }: { text: string }) {
  const [Markdown, setMarkdown] = useState<MarkdownComponent | undefined>(() => loaded);
  useEffect(() => {
    if (!Markdown) void load().then((component) => setMarkdown(() => component));
  }, [Markdown]);
  return Markdown ? <Markdown text={text} /> : <p className="text-[15px] leading-relaxed whitespace-pre-wrap">{text}</p>;
}

/** Starts fetching the renderer early, before the first answer needs it. */
export function preloadMarkdown() {
  void load();
}

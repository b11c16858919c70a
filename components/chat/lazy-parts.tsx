"use client";

import type { ComponentType } from "react";
import { lazyComponent } from "@/components/lazy";
import { preloadMarkdown } from "./lazy-markdown";

// Parts an answer shows only once it has them (phases, thinking, a tool call, a structured result,
// JSON opened to read, the footer's actions, versions, editing): not in the chat's first load, and fetched early enough to be there when needed.
const preloads: (() => void)[] = [];

function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>) {
  const part = lazyComponent(load);
  preloads.push(part.preload);
  return part;
}

/** The composer's clock, shown only while a run works. */
export const LazyWorking = lazyPart(() => import("./working").then((module) => module.Working));
/** What a failed request says. */
export const LazyRequestFailed = lazyPart(() => import("./request-failed").then((module) => module.RequestFailed));
/** A question or an answer: an empty new chat needs none, so not even this is in its first load. */
export const LazyMessage = lazyPart(() => import("./message").then((module) => module.Message));
export const LazyStructuredView = lazyPart(() => import("./structured-view").then((module) => module.StructuredView));
export const LazyJsonView = lazyPart(() => import("./json-view").then((module) => module.JsonView));
export const LazyToolCard = lazyPart(() => import("./tool-card").then((module) => module.ToolCard));
export const LazyThinking = lazyPart(() => import("./thinking").then((module) => module.Thinking));
export const LazyAnswerActions = lazyPart(() => import("./message-actions").then((module) => module.AnswerActions));
export const LazyVersionSwitcher = lazyPart(() => import("./message-actions").then((module) => module.VersionSwitcher));
export const LazyEditForm = lazyPart(() => import("./message-actions").then((module) => module.EditForm));
export const LazyPhaseTimeline = lazyPart(() => import("./phase-timeline").then((module) => module.PhaseTimeline));

/** Starts fetching every lazily loaded part of an answer, before the first answer needs one. */
export function preloadAnswerParts() {
  preloadMarkdown();
  for (const preload of preloads) preload();
}

"use client";

import { lazy, Suspense, type ComponentType } from "react";
import { preloadMarkdown } from "./lazy-markdown";

// Parts an answer shows only once it has them (phases, thinking, a tool call, a structured result,
// JSON opened to read, the footer's actions, versions, editing): not in the chat's first load, and fetched early enough to be there when needed.
const loaders: (() => Promise<unknown>)[] = [];

function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>) {
  loaders.push(load);
  const Part = lazy(() => load().then((component) => ({ default: component })));
  return function LazyPart(props: P) {
    return (
      <Suspense fallback={null}>
        <Part {...props} />
      </Suspense>
    );
  };
}

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
  for (const load of loaders) void load();
}

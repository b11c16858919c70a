"use client";

import { useState } from "react";
import type { ChatMessage, PhaseData, ProgressData } from "@/lib/chat/message";
import { LazyMarkdown as Markdown } from "./lazy-markdown";
import type { PlannedPhase } from "./phase-timeline";
import {
  LazyAnswerActions as AnswerActions,
  LazyEditForm as EditForm,
  LazyPhaseTimeline as PhaseTimeline,
  LazyStructuredView as StructuredView,
  LazyThinking as Thinking,
  LazyToolCard as ToolCard,
  LazyVersionSwitcher as VersionSwitcher,
} from "./lazy-parts";

type Props = {
  message: ChatMessage;
  phases: PlannedPhase[];
  streaming: boolean;
  sessionId?: string;
  /** Asks the question again for a new answer (kept as a version); only when nothing is running. */
  onRegenerate?: () => void;
  /** Asks an edited question in this one's place (kept as a version); only when nothing is running. */
  onEdit?: (text: string) => void;
  /** Shown on the last answer's error. */
  onRetry?: () => void;
  /** Someone else's chat (an admin reading it): the user's feedback is shown, not asked for. */
  readOnly?: boolean;
};

const textOf = (message: ChatMessage, separator = "") =>
  message.parts.flatMap((part) => (part.type === "text" ? [part.text] : [])).join(separator);

/** A question: its versions when it was edited, and Edit. */
function Question({ message, sessionId, onEdit }: Pick<Props, "message" | "sessionId" | "onEdit">) {
  const [editing, setEditing] = useState(false);
  const text = textOf(message);
  const versions = message.metadata?.versions;
  if (editing && onEdit) {
    const done = (edited?: string) => {
      setEditing(false);
      if (edited !== undefined) onEdit(edited);
    };
    return <EditForm text={text} onSave={done} onCancel={() => done()} />;
  }
  return (
    <div className="group ml-auto flex max-w-[85%] flex-col items-end gap-1">
      <div aria-label="Question" className="rounded-2xl bg-neutral-100 px-4 py-2 whitespace-pre-wrap dark:bg-neutral-800">
        {text}
      </div>
      {/* Always there, Edit hidden while a run is going, so its coming back shifts nothing. */}
      <div className="flex items-center gap-1">
        {versions && sessionId && <VersionSwitcher versions={versions} sessionId={sessionId} what="Question" />}
        <button
          type="button"
          onClick={() => setEditing(true)}
          disabled={!onEdit}
          className="min-h-6 rounded px-1.5 text-xs font-medium text-neutral-600 hover:bg-neutral-200 disabled:invisible dark:text-neutral-400 dark:hover:bg-neutral-800"
        >
          Edit
        </button>
      </div>
    </div>
  );
}

/** One turn. An answer shows, in stream order, its thinking, tool calls, text and structured data. */
export function Message({ message, phases: planned, streaming, sessionId, onRegenerate, onEdit, onRetry, readOnly }: Props) {
  if (message.role === "user") return <Question message={message} sessionId={sessionId} onEdit={onEdit} />;
  const phases: PhaseData[] = [];
  const progress = new Map<string, ProgressData>();
  const reasoning: string[] = [];
  for (const part of message.parts) {
    if (part.type === "data-phase") phases.push(part.data);
    if (part.type === "data-progress") progress.set(part.data.call_id, part.data);
    if (part.type === "reasoning" && part.text.trim()) reasoning.push(part.text.trim());
  }
  const firstReasoning = message.parts.findIndex((part) => part.type === "reasoning");
  const lastPart = message.parts.at(-1);
  const thinking = streaming && lastPart?.type === "reasoning" && lastPart.state === "streaming";
  // Open only while nothing follows it yet: reopening later would push what is below it down.
  const firstStretch = message.parts.slice(firstReasoning).every((part) => part.type === "reasoning" || part.type === "step-start");
  const { metadata } = message;
  // The run names the answer: the message's own id changes when the stored transcript replaces what streamed.
  const answerKey = metadata?.run_id ?? message.id;
  // The answer as its Markdown source: what a user pastes elsewhere.
  const answerText = textOf(message, "\n\n");
  return (
    <article aria-label="Answer" className="flex flex-col gap-3">
      <PhaseTimeline phases={phases} planned={planned} streaming={streaming} />
      {message.parts.map((part, i) => {
        switch (part.type) {
          case "reasoning":
            // Every step's reasoning in one row, where the first began.
            return i === firstReasoning && reasoning.length > 0 ? (
              <Thinking
                key={i}
                openKey={`thinking:${answerKey}`}
                text={reasoning.join("\n\n")}
                streaming={thinking}
                autoOpen={thinking && firstStretch}
                durationMs={metadata?.thinking_ms}
              />
            ) : null;
          case "dynamic-tool":
            return (
              <ToolCard
                key={part.toolCallId}
                openKey={`tool:${answerKey}:${part.toolCallId}`}
                part={part}
                progress={progress.get(part.toolCallId)}
                streaming={streaming}
              />
            );
          case "text":
            return <Markdown key={i} text={part.text} />;
          case "data-structured":
            return <StructuredView key={i} output={part.data} />;
          case "data-run-error":
            return (
              <div
                key={i}
                role="alert"
                className="flex flex-wrap items-center gap-3 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm dark:border-red-800 dark:bg-red-950"
              >
                <span>
                  <strong>{part.data.code}</strong>: {part.data.message}
                </span>
                {onRetry && (
                  <button type="button" onClick={onRetry} className="ml-auto rounded border border-red-400 px-2 py-0.5 font-medium">
                    Retry
                  </button>
                )}
              </div>
            );
          default:
            return null;
        }
      })}
      {metadata?.duration_ms !== undefined && (
        <footer className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-neutral-500">
          <span>
            {metadata.model} · {(metadata.duration_ms / 1000).toFixed(1)} s
            {metadata.usage &&
              ` · ${metadata.usage.input_tokens.toLocaleString()} in / ${metadata.usage.output_tokens.toLocaleString()} out tokens`}
          </span>
          <AnswerActions message={message} sessionId={sessionId} answerText={answerText} onRegenerate={onRegenerate} readOnly={readOnly} />
        </footer>
      )}
    </article>
  );
}

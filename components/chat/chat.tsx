"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, type ReactNode } from "react";
import type { ChatMessage } from "@/lib/chat/message";
import { Composer } from "./composer";
import { LazyMessage as Message, LazyRequestFailed as RequestFailed, preloadAnswerParts } from "./lazy-parts";
import type { PlannedPhase } from "./phase-timeline";
import { useStickToBottom } from "./stick-to-bottom";

type Props = {
  agent: { name: string; phases: PlannedPhase[] };
  /** The agent, its params and any notice: rendered on the server, it costs the chat's bundle nothing. */
  header: ReactNode;
  sessionId?: string;
  initialMessages: ChatMessage[];
  params?: Record<string, unknown>;
};

const lastUserText = (messages: ChatMessage[]) =>
  messages
    .findLast((message) => message.role === "user")
    ?.parts.flatMap((part) => (part.type === "text" ? [part.text] : []))
    .join("") ?? "";

/** A request to /api/chat the server refused, with the code of its JSON error (docs/ARCHITECTURE.md §6). */
class ChatRequestError extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

async function chatFetch(input: RequestInfo | URL, init?: RequestInit) {
  const response = await fetch(input, init);
  if (response.ok) return response;
  const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  throw new ChatRequestError(body?.error?.code, body?.error?.message ?? `HTTP ${response.status}`);
}

/** The session a chat's messages belong to: the newest answer's, once the server has made one. */
const sessionOf = (messages: ChatMessage[]) => messages.findLast((message) => message.metadata?.session_id)?.metadata?.session_id;

/** The run a new question follows: the last one shown before it, so it continues the branch on screen. */
const runBefore = (messages: ChatMessage[]) => messages.slice(0, -1).findLast((message) => message.metadata?.run_id)?.metadata?.run_id;

/** What Regenerate and Edit add to a request: the run whose answer or question is replaced. */
type Branch = { regenerate_run_id?: string; edit_run_id?: string };

/**
 * The browser's side of /api/chat: the question, which session it continues (read from the
 * messages when one is sent, so a chat that has just got its session id continues that session)
 * and where in it: after the branch shown, or in place of a regenerated answer or edited question.
 * Only a chat opened on a session reattaches (`resume`), so reconnecting knows its session.
 */
function chatTransport(agent: string, params: Props["params"], initialSessionId: string | undefined) {
  return new DefaultChatTransport<ChatMessage>({
    api: "/api/chat",
    fetch: chatFetch,
    prepareSendMessagesRequest: ({ messages, body }) => {
      const session = sessionOf(messages) ?? initialSessionId;
      const asked = { agent, session_id: session, params: session ? undefined : params };
      const { regenerate_run_id, edit_run_id } = (body ?? {}) as Branch;
      if (regenerate_run_id) return { body: { ...asked, regenerate_run_id } };
      const where = edit_run_id ? { edit_run_id } : { after_run_id: session ? runBefore(messages) : undefined };
      return { body: { ...asked, query: lastUserText(messages), ...where } };
    },
    prepareReconnectToStreamRequest: () => ({ api: `/api/chat/${initialSessionId}/stream` }),
  });
}

// How long a stopped run's stream may take to bring its last events before it is simply closed.
const STOP_GRACE_MS = 3_000;

/**
 * Stop cancels the run and lets its stream bring the end (calls marked stopped, the CANCELLED
 * notice), so the answer ends at once showing what was produced. Closing the stream alone would not
 * stop the detached run and would freeze the answer as it was. Asked before the run has an id
 * (still starting), the cancel goes out as soon as it has one.
 */
function useStop(messages: ChatMessage[], busy: boolean, closeStream: () => Promise<void>) {
  const last = messages.at(-1);
  const runId = busy && last?.role === "assistant" ? last.metadata?.run_id : undefined;
  const wanted = useRef(false);
  const grace = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    if (!busy) {
      wanted.current = false;
      clearTimeout(grace.current);
    } else if (wanted.current && runId) {
      wanted.current = false;
      void cancelRun(runId).catch(() => closeStream());
    }
  }, [busy, runId, closeStream]);
  return () => {
    if (runId) void cancelRun(runId).catch(() => closeStream());
    else wanted.current = true;
    clearTimeout(grace.current);
    grace.current = setTimeout(() => void closeStream(), STOP_GRACE_MS);
  };
}

async function cancelRun(runId: string) {
  const response = await fetch(`/api/runs/${runId}/cancel`, { method: "POST" });
  if (!response.ok) throw new Error(`cancel: HTTP ${response.status}`);
}

/**
 * The transcript as the server read it again after a run (with the versions a regenerated answer or
 * an edited question made), shown in place of what streamed — unless a run has started meanwhile,
 * which that reading predates. Remounting the chat instead would drop a question sent meanwhile.
 */
function useShowStored(stored: ChatMessage[], idle: boolean, show: (messages: ChatMessage[]) => void) {
  const seen = useRef(stored);
  useEffect(() => {
    if (seen.current === stored) return;
    seen.current = stored;
    // A chat the server has nothing of yet (its first request failed) keeps the question on screen.
    if (idle && stored.length > 0) show(stored);
  }, [stored, idle, show]);
}

/**
 * The chat: useChat over /api/chat, which streams the run's events as UI message chunks. A new
 * chat takes its session id from the first answer; a reload reattaches to a run still in progress.
 */
export function Chat({ agent, header, sessionId: initialSessionId, initialMessages, params }: Props) {
  const router = useRouter();
  const session = useRef(initialSessionId);
  const transport = useMemo(() => chatTransport(agent.name, params, initialSessionId), [agent.name, params, initialSessionId]);
  const { messages, setMessages, sendMessage, status, stop, regenerate, error, clearError } = useChat<ChatMessage>({
    id: initialSessionId ?? `new-${agent.name}`,
    messages: initialMessages,
    transport,
    resume: Boolean(initialSessionId),
  });

  // A new chat becomes /chat/<session> as soon as the server has created the session.
  const latestSession = sessionOf(messages);
  useEffect(() => {
    if (!latestSession || session.current === latestSession) return;
    session.current = latestSession;
    window.history.replaceState(null, "", `/chat/${latestSession}`);
  }, [latestSession]);
  useEffect(() => {
    if (status === "ready") router.refresh();
  }, [status, router]);
  useShowStored(initialMessages, status === "ready", setMessages);

  const busy = status === "submitted" || status === "streaming";
  useEffect(preloadAnswerParts, []);
  const { content, follow } = useStickToBottom();
  const onStop = useStop(messages, busy, stop);
  const sessionId = latestSession ?? initialSessionId;
  // A new version shows once its run has ended and the page is read again: the latest branch, the new one.
  const branch = (send: () => Promise<void>) => {
    if (sessionId) window.history.replaceState(null, "", `/chat/${sessionId}`);
    follow();
    void send();
  };
  const regenerateAnswer = (message: ChatMessage) => {
    const runId = message.metadata?.run_id;
    return busy || !runId ? undefined : () => branch(() => regenerate({ messageId: message.id, body: { regenerate_run_id: runId } }));
  };
  const editQuestion = (message: ChatMessage, i: number) => {
    const runId = message.metadata?.run_id ?? messages[i + 1]?.metadata?.run_id;
    return busy || !runId
      ? undefined
      : (text: string) => branch(() => sendMessage({ text, messageId: message.id }, { body: { edit_run_id: runId } }));
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {header}
      <div ref={content} className="flex flex-1 flex-col gap-6 py-6">
        {messages.length === 0 && <p className="m-auto text-neutral-500">Ask {agent.name} anything.</p>}
        {messages.map((message, i) => (
          <Message
            key={message.id}
            message={message}
            phases={agent.phases}
            streaming={busy && i === messages.length - 1}
            sessionId={sessionId}
            onRegenerate={message.role === "assistant" ? regenerateAnswer(message) : undefined}
            onEdit={message.role === "user" ? editQuestion(message, i) : undefined}
            onRetry={i === messages.length - 1 ? regenerateAnswer(message) : undefined}
          />
        ))}
        {status === "submitted" && <p className="text-sm text-neutral-500">Starting…</p>}
        {error && (
          <RequestFailed
            rateLimited={error instanceof ChatRequestError && error.code === "rate_limited"}
            onRetry={
              busy
                ? undefined
                : () => {
                    clearError();
                    void regenerate();
                  }
            }
          />
        )}
      </div>
      <Composer
        busy={busy}
        placeholder={`Message ${agent.name}`}
        draftKey={latestSession ?? initialSessionId ?? `new-${agent.name}`}
        onSend={(text) => {
          follow();
          void sendMessage({ text });
        }}
        onStop={onStop}
      />
    </div>
  );
}

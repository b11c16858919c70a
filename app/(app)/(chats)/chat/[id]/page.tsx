import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Chat } from "@/components/chat/chat";
import { ChatHeader } from "@/components/chat/chat-header";
import { requireUser } from "@/lib/auth/session";
import { agentView } from "@/lib/chat/agent-view";
import { loadTranscript } from "@/lib/chat/transcript";
import { AppError } from "@/lib/errors";
import { findVisibleSession } from "@/lib/runs/sessions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ run?: string | string[] }> };

/** The tab says which chat it is. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const session = await findVisibleSession(await requireUser(), id).catch(() => undefined);
  return { title: session?.title ?? "Chat" };
}

/** A chat along one branch: the latest, or the one through `?run=` (a version chosen). */
export default async function ChatPage({ params, searchParams }: Props) {
  const [{ id }, { run }] = await Promise.all([params, searchParams]);
  const at = typeof run === "string" ? run : undefined;
  const user = await requireUser();
  const transcript = await loadTranscript(user, id, at).catch((error: unknown) =>
    AppError.isInstance(error) ? notFound() : Promise.reject(error),
  );
  const view = await agentView(transcript.session.agent, user).catch(() => notFound());
  const chosen = (transcript.session.params ?? undefined) as Record<string, unknown> | undefined;
  // Remounted for another branch (a version chosen); a new version shows once its run is stored (see Chat).
  return (
    <Chat
      key={`${id}:${at ?? ""}`}
      agent={view.agent}
      header={<ChatHeader agent={view.agent} params={chosen} notice={view.notice} />}
      sessionId={id}
      initialMessages={transcript.messages}
      params={chosen}
    />
  );
}

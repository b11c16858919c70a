import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Chat } from "@/components/chat/chat";
import { requireUser } from "@/lib/auth/session";
import { agentView } from "@/lib/chat/agent-view";
import { loadTranscript } from "@/lib/chat/transcript";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Chat" };

export default async function ChatPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  const transcript = await loadTranscript(user, id).catch((error: unknown) =>
    AppError.isInstance(error) ? notFound() : Promise.reject(error),
  );
  const view = await agentView(transcript.session.agent).catch(() => notFound());
  return <Chat key={id} agent={view.agent} sessionId={id} initialMessages={transcript.messages} notice={view.notice} />;
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Chat } from "@/components/chat/chat";
import { ChatHeader } from "@/components/chat/chat-header";
import { requireUser } from "@/lib/auth/session";
import { agentView } from "@/lib/chat/agent-view";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "New chat" };

type Props = { searchParams: Promise<{ agent?: string } & Record<string, string | undefined>> };

export default async function NewChatPage({ searchParams }: Props) {
  const { agent: name, ...rest } = await searchParams;
  const view = await agentView(name ?? "", await requireUser()).catch((error: unknown) =>
    AppError.isInstance(error) ? notFound() : Promise.reject(error),
  );
  // Params come from the home page's form, typed by the agent's declaration.
  const params = Object.fromEntries(
    Object.entries(view.params).flatMap(([key, spec]) => {
      const raw = rest[key];
      if (raw === undefined || raw === "") return [];
      return [[key, spec.type === "boolean" ? raw === "true" : spec.type === "string" ? raw : Number(raw)]];
    }),
  );
  return (
    <Chat
      agent={view.agent}
      header={<ChatHeader agent={view.agent} params={params} notice={view.notice} />}
      initialMessages={[]}
      params={params}
    />
  );
}

import type { Metadata } from "next";

export const metadata: Metadata = { title: "Chat" };

// The agent list and the chat arrive with the agent runtime and chat UI issues.
export default function ChatHome() {
  return (
    <section className="flex flex-1 flex-col items-center justify-center gap-3 text-center">
      <h1 className="text-2xl font-semibold">Pick an agent</h1>
      <p className="max-w-md text-neutral-600 dark:text-neutral-400">
        Choose an agent to start a chat. You will see it reason, call tools and return structured results live.
      </p>
      <p className="rounded-full border border-dashed border-neutral-300 px-4 py-1.5 text-sm text-neutral-500 dark:border-neutral-700">
        No agents are configured yet.
      </p>
    </section>
  );
}

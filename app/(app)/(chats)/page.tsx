import type { Metadata } from "next";
import { AgentCard } from "@/components/chat/agent-card";
import { publicAgentConfig } from "@/lib/agent/config";
import { requireUser } from "@/lib/auth/session";
import { missingModelKeys } from "@/lib/chat/agent-view";
import { answeringModel, runtime } from "@/lib/runs/runtime";

export const metadata: Metadata = { title: "Chat" };

export default async function ChatHome() {
  const [user, loaded] = await Promise.all([requireUser(), runtime().agents()]);
  const agents = [...loaded.agents.values()].map((agent) => publicAgentConfig(agent.config));
  const missing = user.role === "ADMIN" ? missingModelKeys(agents.map((agent) => agent.model)) : [];
  return (
    <section className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Pick an agent</h1>
        <p className="text-neutral-600 dark:text-neutral-400">
          Start a chat and watch it reason, call tools and return structured results live.
        </p>
        {missing.length > 0 && (
          <p role="note" className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            No {missing.join(" or ")} is configured: the built-in demo model answers in its place, using the agents&apos; real tools.
          </p>
        )}
      </div>
      {agents.length === 0 ? (
        <p className="text-neutral-500">No agents are configured yet: add one to the agents/ folder.</p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {agents.map((agent) => (
            <AgentCard key={agent.name} agent={agent} demo={answeringModel(agent.model).id === "demo"} />
          ))}
        </div>
      )}
    </section>
  );
}

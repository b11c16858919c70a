import Link from "next/link";
import { SessionList } from "@/components/chat/session-list";
import { requireUser } from "@/lib/auth/session";
import { recentSessions } from "@/lib/chat/recent-sessions";
import { getRuntime } from "@/lib/runs/runtime";

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const [firstPage, runtime] = await Promise.all([recentSessions(user), getRuntime()]);
  const icons = Object.fromEntries([...runtime.agents].map(([name, agent]) => [name, agent.config.icon]));
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-6 md:flex-row">
      <aside className="order-2 md:sticky md:top-20 md:order-1 md:max-h-[calc(100dvh-6rem)] md:w-64 md:shrink-0 md:self-start md:overflow-y-auto">
        <Link
          href="/"
          className="mb-3 block rounded-md border border-neutral-300 px-3 py-2 text-center text-sm font-medium dark:border-neutral-700"
        >
          + New chat
        </Link>
        <SessionList firstPage={firstPage} icons={icons} />
      </aside>
      <div className="order-1 flex min-w-0 flex-1 flex-col md:order-2">{children}</div>
    </div>
  );
}

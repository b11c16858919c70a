import Link from "next/link";
import { SessionList } from "@/components/chat/session-list";
import { requireUser } from "@/lib/auth/session";
import { recentSessions } from "@/lib/chat/transcript";

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const sessions = await recentSessions(user.id);
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-6 md:flex-row">
      <aside className="order-2 md:order-1 md:w-64 md:shrink-0">
        <Link href="/" className="mb-3 block rounded-md border border-neutral-300 px-3 py-2 text-center text-sm font-medium dark:border-neutral-700">
          + New chat
        </Link>
        <SessionList sessions={sessions} />
      </aside>
      <div className="order-1 flex min-w-0 flex-1 flex-col md:order-2">{children}</div>
    </div>
  );
}

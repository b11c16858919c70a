import Link from "next/link";
import { ChatsDrawer } from "@/components/chat/chats-drawer";
import { SessionList } from "@/components/chat/session-list";
import { SessionSearch } from "@/components/chat/session-search";
import { UndoDelete } from "@/components/chat/undo-delete";
import { requireUser } from "@/lib/auth/session";
import { recentSessions } from "@/lib/chat/recent-sessions";
import { env } from "@/lib/env";
import { runtime } from "@/lib/runs/runtime";

/** The agents' home and every chat, with the user's chats beside them (a drawer on a phone). */
export default async function ChatsLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const [firstPage, loaded] = await Promise.all([recentSessions(user), runtime().agents()]);
  const icons = Object.fromEntries([...loaded.agents].map(([name, agent]) => [name, agent.config.icon]));
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-4 md:flex-row md:gap-6">
      <ChatsDrawer>
        <Link
          href="/"
          className="mb-3 flex min-h-10 items-center justify-center rounded-md border border-neutral-300 px-3 text-sm font-medium dark:border-neutral-700"
        >
          + New chat
        </Link>
        <SessionSearch icons={icons}>
          <SessionList firstPage={firstPage} icons={icons} undoSeconds={env.SESSION_UNDO_S} />
        </SessionSearch>
      </ChatsDrawer>
      <div className="flex min-w-0 flex-1 flex-col">{children}</div>
      <UndoDelete />
    </div>
  );
}

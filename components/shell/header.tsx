import Link from "next/link";
import { UserMenu } from "./user-menu";

type Props = { user: { email?: string | null; name?: string | null; role: "USER" | "ADMIN" } };

export function Header({ user }: Props) {
  return (
    <header className="sticky top-0 z-10 border-b border-neutral-200 bg-white/90 backdrop-blur dark:border-neutral-800 dark:bg-neutral-950/90">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4 sm:gap-6">
        <Link href="/" className="font-semibold tracking-tight whitespace-nowrap">
          Agent Studio
        </Link>
        <nav className="flex items-center gap-3 text-sm text-neutral-600 sm:gap-4 dark:text-neutral-400">
          <Link href="/" className="hover:text-neutral-900 dark:hover:text-neutral-100">
            Chat
          </Link>
          <Link href="/settings" className="hover:text-neutral-900 dark:hover:text-neutral-100">
            Settings
          </Link>
          {user.role === "ADMIN" && (
            <Link href="/admin" className="hover:text-neutral-900 dark:hover:text-neutral-100">
              Admin
            </Link>
          )}
        </nav>
        <div className="ml-auto">
          <UserMenu user={user} />
        </div>
      </div>
    </header>
  );
}

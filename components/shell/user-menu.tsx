import { signOutAction } from "@/app/(app)/actions";

type Props = { user: { email?: string | null; name?: string | null; role: "USER" | "ADMIN" } };

/** A native <details> menu: keyboard and screen-reader friendly with no client JavaScript. */
export function UserMenu({ user }: Props) {
  const label = user.name || user.email || "Account";
  return (
    <details className="relative">
      <summary
        aria-label="User menu"
        className="flex cursor-pointer list-none items-center gap-2 rounded-full px-2 py-1 text-sm hover:bg-neutral-100 focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none dark:hover:bg-neutral-900"
      >
        <span
          aria-hidden
          className="flex size-7 items-center justify-center rounded-full bg-neutral-900 text-xs font-semibold text-white uppercase dark:bg-white dark:text-neutral-900"
        >
          {label.slice(0, 1)}
        </span>
        <span className="hidden max-w-40 truncate sm:inline">{label}</span>
      </summary>
      <div className="absolute right-0 mt-2 w-60 rounded-lg border border-neutral-200 bg-white p-2 shadow-lg dark:border-neutral-800 dark:bg-neutral-900">
        <div className="px-2 py-1.5">
          <p className="truncate text-sm font-medium">{user.email}</p>
          <p className="text-xs text-neutral-500">{user.role === "ADMIN" ? "Admin" : "Member"}</p>
        </div>
        <form action={signOutAction} className="border-t border-neutral-200 pt-1 dark:border-neutral-800">
          <button className="w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-neutral-100 dark:hover:bg-neutral-800">
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}

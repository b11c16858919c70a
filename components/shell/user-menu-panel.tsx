"use client";

import { signOutAction } from "@/app/(app)/actions";
import { ThemePicker } from "./theme";

export type MenuUser = { email?: string | null; name?: string | null; role: "USER" | "ADMIN" };

/** The open user menu: who is signed in, the theme, Sign out. */
export function UserMenuPanel({ user }: { user: MenuUser }) {
  return (
    <div className="absolute right-0 mt-2 w-60 rounded-lg border border-neutral-200 bg-white p-2 shadow-lg dark:border-neutral-800 dark:bg-neutral-900">
      <div className="px-2 py-1.5">
        <p className="truncate text-sm font-medium">{user.email}</p>
        <p className="text-xs text-neutral-500">{user.role === "ADMIN" ? "Admin" : "Member"}</p>
      </div>
      <ThemePicker />
      <form action={signOutAction} className="border-t border-neutral-200 pt-1 dark:border-neutral-800">
        <button className="w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-neutral-100 dark:hover:bg-neutral-800">Sign out</button>
      </form>
    </div>
  );
}

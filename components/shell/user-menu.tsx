"use client";

import { useEffect, useRef } from "react";
import { signOutAction } from "@/app/(app)/actions";
import { ThemePicker } from "./theme";

type Props = { user: { email?: string | null; name?: string | null; role: "USER" | "ADMIN" } };

/** A native <details> menu (keyboard and screen-reader friendly) that also closes on Escape and on a click outside. */
export function UserMenu({ user }: Props) {
  const label = user.name || user.email || "Account";
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (event: Event) => {
      const details = menu.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !details.contains(event.target as Node)) {
        details.open = false;
        if (event instanceof KeyboardEvent) details.querySelector("summary")?.focus();
      }
    };
    document.addEventListener("keydown", close);
    document.addEventListener("pointerdown", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("pointerdown", close);
    };
  }, []);
  return (
    <details ref={menu} className="relative">
      <summary
        aria-label={`${label}, user menu`}
        className="flex cursor-pointer list-none items-center gap-2 rounded-full px-2 py-1 text-sm hover:bg-neutral-100 focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none dark:hover:bg-neutral-900"
      >
        {/* The initial is drawn, not text, so the menu's name starts with the words it shows. */}
        <span
          aria-hidden
          data-initial={label.slice(0, 1)}
          className="flex size-7 items-center justify-center rounded-full bg-neutral-900 text-xs font-semibold text-white uppercase before:content-[attr(data-initial)] dark:bg-white dark:text-neutral-900"
        />
        <span className="hidden max-w-40 truncate sm:inline">{label}</span>
      </summary>
      <div className="absolute right-0 mt-2 w-60 rounded-lg border border-neutral-200 bg-white p-2 shadow-lg dark:border-neutral-800 dark:bg-neutral-900">
        <div className="px-2 py-1.5">
          <p className="truncate text-sm font-medium">{user.email}</p>
          <p className="text-xs text-neutral-500">{user.role === "ADMIN" ? "Admin" : "Member"}</p>
        </div>
        <ThemePicker />
        <form action={signOutAction} className="border-t border-neutral-200 pt-1 dark:border-neutral-800">
          <button className="w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-neutral-100 dark:hover:bg-neutral-800">
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}

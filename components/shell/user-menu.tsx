"use client";

import { useEffect, useRef, useState } from "react";
import { lazyComponent } from "@/components/lazy";
import type { MenuUser } from "./user-menu-panel";

// What the menu holds, fetched when it is about to open: not in every page's first load.
const Panel = lazyComponent(() => import("./user-menu-panel").then((module) => module.UserMenuPanel));

type Props = { user: MenuUser };

/** A native <details> menu (keyboard and screen-reader friendly) that also closes on Escape and on a click outside. */
export function UserMenu({ user }: Props) {
  const label = user.name || user.email || "Account";
  const menu = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
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
    <details ref={menu} onToggle={(event) => setOpen(event.currentTarget.open)} className="relative">
      <summary
        onPointerEnter={Panel.preload}
        onFocus={Panel.preload}
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
      {open && <Panel user={user} />}
    </details>
  );
}

"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * The chats beside the conversation on wide screens; on a phone, a slide-over drawer behind a menu
 * button, closed by Escape, a tap outside, or going to another page. Closed, it is out of reach of
 * focus and screen readers too.
 */
export function ChatsDrawer({ children }: { children: React.ReactNode }) {
  const pathname = usePathname();
  // Open on the page it was opened on: navigating closes it with no effect to reset it.
  const [openOn, setOpenOn] = useState<string>();
  const open = openOn === pathname;
  const close = () => setOpenOn(undefined);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpenOn(undefined);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="chats-drawer"
        onClick={() => setOpenOn(pathname)}
        className="flex min-h-10 items-center gap-2 self-start rounded-md border border-neutral-300 px-3 text-sm font-medium md:hidden dark:border-neutral-700"
      >
        <span aria-hidden>☰</span> Chats
      </button>
      {open && <div aria-hidden onClick={close} className="fixed inset-0 z-30 bg-black/40 md:hidden" />}
      <aside
        id="chats-drawer"
        className={`fixed inset-y-0 left-0 z-40 w-72 max-w-[85vw] overflow-y-auto bg-white p-4 pt-[max(1rem,env(safe-area-inset-top))] shadow-xl transition-transform dark:bg-neutral-950 md:sticky md:top-20 md:z-auto md:max-h-[calc(100dvh-6rem)] md:w-64 md:max-w-none md:shrink-0 md:self-start md:translate-x-0 md:bg-transparent md:p-0 md:shadow-none md:transition-none ${open ? "translate-x-0" : "-translate-x-full max-md:invisible"}`}
      >
        {children}
      </aside>
    </>
  );
}

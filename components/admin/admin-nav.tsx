"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const sections = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/sessions", label: "Sessions" },
  { href: "/admin/runs", label: "Runs" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/agents", label: "Agents" },
];

export function AdminNav() {
  const pathname = usePathname();
  const current = sections.findLast((section) => pathname === section.href || pathname.startsWith(`${section.href}/`));
  return (
    <nav aria-label="Admin" className="flex gap-1 overflow-x-auto border-b border-neutral-200 text-sm dark:border-neutral-800">
      {sections.map((section) => (
        <Link
          key={section.href}
          href={section.href}
          aria-current={section === current ? "page" : undefined}
          className="border-b-2 border-transparent px-3 py-2 text-neutral-600 hover:text-neutral-900 aria-[current=page]:border-neutral-900 aria-[current=page]:font-medium aria-[current=page]:text-neutral-900 dark:text-neutral-400 dark:hover:text-neutral-100 dark:aria-[current=page]:border-neutral-100 dark:aria-[current=page]:text-neutral-100"
        >
          {section.label}
        </Link>
      ))}
    </nav>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { WorkersSection } from "@/components/admin/workers-section";
import { adminOverview } from "@/lib/admin/overview";
import { workersOverview } from "@/lib/admin/workers";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminHome() {
  const [figures, workers] = await Promise.all([adminOverview(), workersOverview()]);
  const cards = [
    { label: "Users", value: figures.users, href: "/admin/users" },
    { label: "Sessions", value: figures.sessions, href: "/admin/sessions" },
    { label: "Runs in the last 24 h", value: figures.runsToday, href: "/admin/runs?days=1" },
    { label: "Failed or timed out (24 h)", value: figures.failedToday, href: "/admin/sessions?status=FAILED" },
    { label: "Running now", value: figures.running, href: "/admin/sessions?status=RUNNING" },
  ];
  return (
    <section className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Admin</h1>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        {cards.map((card) => (
          <li key={card.label}>
            <Link
              href={card.href}
              className="flex flex-col gap-1 rounded-lg border border-neutral-200 p-4 hover:bg-neutral-50 dark:border-neutral-800 dark:hover:bg-neutral-900"
            >
              <span className="text-2xl font-semibold tabular-nums">{card.value.toLocaleString("en")}</span>
              <span className="text-sm text-neutral-600 dark:text-neutral-400">{card.label}</span>
            </Link>
          </li>
        ))}
      </ul>
      <WorkersSection overview={workers} />
    </section>
  );
}

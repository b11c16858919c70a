import type { Metadata } from "next";

export const metadata: Metadata = { title: "Admin" };

// Sessions, runs, users and agents views arrive with the admin console issue.
export default function AdminHome() {
  return (
    <section className="flex flex-col gap-3">
      <h1 className="text-2xl font-semibold">Admin</h1>
      <p className="text-neutral-600 dark:text-neutral-400">
        Sessions, runs, users and agents of this deployment will be reviewed here.
      </p>
    </section>
  );
}

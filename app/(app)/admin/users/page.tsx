import type { Metadata } from "next";
import Link from "next/link";
import { UserActions } from "@/components/admin/user-actions";
import { PageSummary, Pager } from "@/components/admin/pager";
import { when } from "@/components/format";
import { Table } from "@/components/table";
import { listUsers, userListSchema } from "@/lib/admin/users";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Users · Admin" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminUsersPage({ searchParams }: Props) {
  const query = userListSchema.catch({ page: 1, q: undefined }).parse(await searchParams);
  const [{ users, total, page, pages }, admin] = await Promise.all([listUsers(query), requireAdmin()]);
  const pageLink = (to: number) => `/admin/users?${new URLSearchParams({ ...(query.q && { q: query.q }), page: String(to) })}`;
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Users</h1>
      <form action="/admin/users" aria-label="Search users" className="flex gap-2 text-sm">
        <input
          name="q"
          type="search"
          defaultValue={query.q}
          placeholder="Email or name"
          aria-label="Email or name"
          className="rounded-md border border-neutral-300 bg-transparent px-2 py-1.5 dark:border-neutral-700"
        />
        <button className="rounded-md bg-neutral-900 px-3 py-1.5 font-semibold text-white dark:bg-white dark:text-neutral-900">
          Search
        </button>
      </form>
      <PageSummary total={total} noun={["user", "users"]} page={page} pages={pages} />
      <Table columns={["User", "Role", "Created", "Last active", { label: "Sessions", numeric: true }, ""]}>
        {users.map((user) => (
          <tr key={user.id} aria-label={user.email} className="border-t border-neutral-200 dark:border-neutral-800">
            <td className="py-2 pr-4">
              <div className="font-medium">{user.email}</div>
              {user.name && <div className="text-xs text-neutral-500">{user.name}</div>}
            </td>
            <td className="py-2 pr-4">
              {user.role === "ADMIN" ? "Admin" : "Member"}
              {user.disabledAt && (
                <span className="ml-2 rounded bg-red-50 px-1.5 py-0.5 text-xs text-red-800 dark:bg-red-950 dark:text-red-300">
                  disabled
                </span>
              )}
            </td>
            <td className="py-2 pr-4 whitespace-nowrap">{when(user.createdAt)}</td>
            <td className="py-2 pr-4 whitespace-nowrap">{when(user.lastActiveAt)}</td>
            <td className="py-2 pr-4 text-right tabular-nums">
              <Link href={`/admin/sessions?user=${encodeURIComponent(user.email)}`} className="hover:underline">
                {user.sessionCount}
              </Link>
            </td>
            <td className="py-2">
              <UserActions
                user={{ id: user.id, email: user.email, role: user.role, disabled: Boolean(user.disabledAt) }}
                self={user.id === admin.id}
              />
            </td>
          </tr>
        ))}
      </Table>
      <Pager page={page} pages={pages} href={pageLink} />
    </section>
  );
}

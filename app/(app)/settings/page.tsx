import type { Metadata } from "next";
import Link from "next/link";
import { when } from "@/components/format";
import { CreateKeyForm } from "@/components/settings/create-key-form";
import { Table } from "@/components/table";
import { listApiKeys } from "@/lib/auth/api-keys";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/schemas";
import { requireUser } from "@/lib/auth/session";
import { findUserById } from "@/lib/db/users";
import { revokeKeyAction } from "./actions";
import { PasswordForm } from "./password-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser();
  const [keys, account] = await Promise.all([listApiKeys(user.id), findUserById(user.id)]);
  return (
    <div className="flex max-w-3xl flex-col gap-10">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <section aria-labelledby="password" className="flex max-w-sm flex-col gap-4">
        <h2 id="password" className="text-xl font-semibold">
          Password
        </h2>
        <PasswordForm hasPassword={Boolean(account?.passwordHash)} minLength={MIN_PASSWORD_LENGTH} />
      </section>
      <section aria-labelledby="api-keys" className="flex flex-col gap-6">
        <div>
          <h2 id="api-keys" className="text-xl font-semibold">
            API keys
          </h2>
          <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
            Programs call your agents with a key as <code>Authorization: Bearer &lt;key&gt;</code> (or <code>X-API-Key</code>): our REST +
            SSE API, OpenAI&apos;s SDKs at <code>/v1</code>, MCP clients at <code>/api/mcp</code>. Every route is in the{" "}
            <Link href="/api/reference" prefetch={false} className="underline">
              API reference
            </Link>
            .
          </p>
        </div>
        <CreateKeyForm />
        {keys.length === 0 ? (
          <p className="text-sm text-neutral-500">No keys yet.</p>
        ) : (
          <Table columns={["Name", "Key", "Created", "Last used", ""]}>
            {keys.map((key) => (
              <tr key={key.id} className="border-t border-neutral-200 dark:border-neutral-800">
                <td className="py-2 pr-4">{key.name}</td>
                <td className="py-2 pr-4 font-mono">{key.prefix}…</td>
                <td className="py-2 pr-4">{when(key.createdAt)}</td>
                <td className="py-2 pr-4">{when(key.lastUsedAt)}</td>
                <td className="py-2 text-right">
                  {key.revokedAt ? (
                    <span className="text-neutral-500">Revoked</span>
                  ) : (
                    <form action={revokeKeyAction}>
                      <input type="hidden" name="id" value={key.id} />
                      <button aria-label={`Revoke ${key.name}`} className="text-red-600 hover:underline dark:text-red-400">
                        Revoke
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </div>
  );
}

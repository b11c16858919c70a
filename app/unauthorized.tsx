import { signOutAction } from "@/app/(app)/actions";

/** A token whose account has been disabled or deleted since it was issued. */
export default function Unauthorized() {
  return (
    <main className="mx-auto flex max-w-md flex-col items-center gap-3 px-6 py-24 text-center">
      <p className="text-sm font-semibold text-neutral-500">401</p>
      <h1 className="text-2xl font-semibold">Account unavailable</h1>
      <p className="text-neutral-600 dark:text-neutral-400">
        This account has been disabled or no longer exists. Ask an admin if you think this is a mistake.
      </p>
      <form action={signOutAction}>
        <button className="text-sm font-medium underline underline-offset-4">Sign out</button>
      </form>
    </main>
  );
}

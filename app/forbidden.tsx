import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto flex max-w-md flex-col items-center gap-3 px-6 py-24 text-center">
      <p className="text-sm font-semibold text-neutral-500">403</p>
      <h1 className="text-2xl font-semibold">Admins only</h1>
      <p className="text-neutral-600 dark:text-neutral-400">Your account cannot open this page. Ask an admin if you need access.</p>
      <Link href="/" className="text-sm font-medium underline underline-offset-4">
        Back to chat
      </Link>
    </main>
  );
}

import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex max-w-md flex-col items-center gap-3 px-6 py-24 text-center">
      <p className="text-sm font-semibold text-neutral-500">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <Link href="/" className="text-sm font-medium underline underline-offset-4">
        Back to chat
      </Link>
    </main>
  );
}

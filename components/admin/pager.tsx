import Link from "next/link";

type Props = { page: number; pages: number; href: (page: number) => string };

/** Previous / next links of a server-paginated list. */
export function Pager({ page, pages, href }: Props) {
  return (
    <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className="text-neutral-500">← Previous</span>
      )}
      {page < pages ? (
        <Link href={href(page + 1)} rel="next">
          Next →
        </Link>
      ) : (
        <span className="text-neutral-500">Next →</span>
      )}
    </nav>
  );
}

/** "1,234 sessions · page 2 of 25" above a paginated list. */
export function PageSummary({ total, noun, page, pages }: { total: number; noun: [string, string]; page: number; pages: number }) {
  return (
    <p className="text-sm text-neutral-600 dark:text-neutral-400" aria-live="polite">
      {total.toLocaleString("en")} {total === 1 ? noun[0] : noun[1]} · page {page} of {pages}
    </p>
  );
}

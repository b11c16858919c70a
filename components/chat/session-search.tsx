"use client";

import { useState, type ReactNode } from "react";
import { lazyComponent } from "@/components/lazy";

// The results, and the search itself, are fetched once someone starts typing: not in the first load.
const Results = lazyComponent(() => import("./session-search-results").then((module) => module.SearchResults));

/** Search over the user's chat titles and messages; while there is a query its results replace `children` (the chat list). */
export function SessionSearch({ icons, children }: { icons: Record<string, string | undefined>; children: ReactNode }) {
  const [query, setQuery] = useState("");
  const wanted = query.trim();
  return (
    <>
      <input
        type="search"
        aria-label="Search chats"
        placeholder="Search chats"
        value={query}
        onFocus={Results.preload}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => event.key === "Escape" && setQuery("")}
        className="mb-3 w-full rounded-md border border-neutral-300 bg-transparent px-2 py-1.5 text-sm dark:border-neutral-700"
      />
      {wanted ? <Results query={wanted} icons={icons} /> : children}
    </>
  );
}

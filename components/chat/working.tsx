"use client";

import { useElapsedSeconds } from "./elapsed";

/** "Working… 12 s" beside the composer while a run is going. */
export function Working() {
  const elapsed = useElapsedSeconds(true);
  return (
    <p role="status" className="self-center text-xs whitespace-nowrap text-neutral-500 tabular-nums">
      Working… {elapsed} s
    </p>
  );
}

/** A time as text, in UTC so server-rendered pages read the same for everyone. */
export const when = (date: Date | null | undefined, empty = "never") =>
  date ? `${date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC` : empty;

/** A duration in ms as "850 ms", "12.3 s" or "4 min 5 s". */
export function duration(ms: number | null | undefined) {
  if (ms === null || ms === undefined) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

import { z } from "zod";
import { RunStatus } from "@/lib/db/generated/enums";

const SESSION_SORTS = ["lastActiveAt", "createdAt", "messageCount"] as const;

const day = z.iso.date("must be a date (YYYY-MM-DD)");
// Empty form fields arrive as "": they mean "any".
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

/** The admin session list's filters, sort and page, as they appear in its URL and the API's query. */
export const sessionFiltersSchema = z.object({
  agent: optional(z.string().max(100)),
  // Part of an email, in any case.
  user: optional(z.string().trim().max(320)),
  status: optional(z.enum(RunStatus)),
  from: optional(day),
  to: optional(day),
  q: optional(z.string().trim().max(200)),
  sort: optional(z.enum(SESSION_SORTS)).transform((sort) => sort ?? "lastActiveAt"),
  dir: optional(z.enum(["asc", "desc"])).transform((dir) => dir ?? "desc"),
  page: optional(z.coerce.number().int().min(1).max(100_000)).transform((page) => page ?? 1),
  size: optional(z.coerce.number().int().min(10).max(200)).transform((size) => size ?? 50),
});
export type SessionFilters = z.infer<typeof sessionFiltersSchema>;

/** The filters as a query string (what links to pages and the CSV export carry). */
export function filtersQuery(
  filters: Partial<SessionFilters>,
  changes: Partial<Record<keyof SessionFilters, string | number | undefined>> = {},
) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...changes })) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  return params.toString();
}

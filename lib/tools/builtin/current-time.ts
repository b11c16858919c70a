import { z } from "zod";
import { defineTool } from "./define";

export const currentTime = defineTool({
  name: "current_time",
  description: "Get the current date and time, in UTC or in an IANA time zone such as Europe/Madrid.",
  idempotent: true,
  input: z.object({
    timezone: z.string().max(64).default("UTC").describe("IANA time zone name, e.g. America/New_York"),
  }),
  execute: ({ timezone }) => {
    const now = new Date();
    let local: string;
    try {
      local = new Intl.DateTimeFormat("en-GB", { timeZone: timezone, dateStyle: "full", timeStyle: "long" }).format(now);
    } catch {
      throw new Error(`Unknown time zone "${timezone}": use an IANA name such as Europe/Madrid.`);
    }
    return { timezone, local, iso: now.toISOString() };
  },
});

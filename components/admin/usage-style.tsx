import type { DayStatusCounts } from "@/lib/db/usage";

export type Status = Exclude<keyof DayStatusCounts, "day">;

// Hex rather than Tailwind's CSS variables: SVG attributes take them as is, and Tailwind only emits
// the variables that classes use. Mid-tone shades read on both the light and the dark background.
export const STATUS_COLORS: Record<Status, string> = {
  SUCCEEDED: "#10b981",
  FAILED: "#ef4444",
  TIMED_OUT: "#f59e0b",
  CANCELLED: "#a3a3a3",
  RUNNING: "#0ea5e9",
  RETRYING: "#06b6d4",
  WAITING: "#eab308",
  QUEUED: "#8b5cf6",
};

export const STATUS_LABELS: Record<Status, string> = {
  SUCCEEDED: "Succeeded",
  FAILED: "Failed",
  TIMED_OUT: "Timed out",
  CANCELLED: "Cancelled",
  RUNNING: "Running",
  RETRYING: "Retrying",
  WAITING: "Waiting",
  QUEUED: "Queued",
};

export const COLORS = { primary: "#0ea5e9", secondary: "#8b5cf6", failure: "#ef4444", success: "#10b981" };

/** Axes and grid take the card's text colour, so they follow the theme. */
export const axis = { stroke: "currentColor", tick: { fill: "currentColor" }, tickLine: false, fontSize: 12 } as const;
export const grid = { stroke: "currentColor", strokeOpacity: 0.15, strokeDasharray: "3 3" } as const;

// `light-dark()` follows the page's `color-scheme: light dark`, which inline styles cannot do with `dark:`.
export const tooltip = {
  contentStyle: {
    backgroundColor: "light-dark(#ffffff, #171717)",
    borderColor: "light-dark(#e5e5e5, #404040)",
    borderRadius: 8,
    fontSize: 12,
  },
  labelStyle: { color: "light-dark(#171717, #f5f5f5)", fontWeight: 600 },
  cursor: { fill: "currentColor", fillOpacity: 0.08 },
} as const;

// A fixed locale and UTC, so the server render and the browser's hydration agree.
const numberFormat = new Intl.NumberFormat("en-US");
const percentFormat = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

export const count = (value: number) => numberFormat.format(value);
export const percent = (value: number) => percentFormat.format(value);
export const shortDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

import { isRecord } from "./json";

/** One line of what a tool returned: "capital: Madrid", or just "README.md" in a listing. */
export type Fact = { label?: string; text: string };

const MAX_FACTS = 10;
const MAX_ITEMS = 10;
const MAX_TEXT = 200;
const NAME_KEYS = ["name", "country", "title", "path", "label", "id"];

/** The key facts of a tool's output, few enough to read at a glance. */
export function factsOf(output: unknown): Fact[] {
  if (Array.isArray(output)) return listed(output.map(describe));
  if (isRecord(output)) {
    return Object.entries(output)
      .slice(0, MAX_FACTS)
      .map(([label, value]) => ({ label, text: describe(value) }));
  }
  if (typeof output === "string")
    return listed(
      output
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map(describe),
    );
  return [{ text: describe(output) }];
}

/** A value in one short line. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) {
    return value.length === 0
      ? "none"
      : listed(value.map(describe))
          .map((fact) => fact.text)
          .join(", ");
  }
  if (isRecord(value)) return describeRecord(value);
  const text = String(value).replace(/\s+/g, " ").trim();
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** What a record is called, if it says: its name, title, path… */
export function nameOf(record: Record<string, unknown>): string | undefined {
  const key = nameKeyOf(record);
  return key === undefined ? undefined : String(record[key]);
}

function nameKeyOf(record: Record<string, unknown>) {
  return NAME_KEYS.find((candidate) => typeof record[candidate] === "string");
}

/** A named record reads as its name and short details, "Euro (EUR)"; others as their fields. */
function describeRecord(record: Record<string, unknown>) {
  const nameKey = nameKeyOf(record);
  if (nameKey === undefined)
    return Object.entries(record)
      .map(([key, item]) => `${key} ${describe(item)}`)
      .join(", ");
  const details = Object.entries(record)
    .filter(([key, item]) => key !== nameKey && ["string", "number", "boolean"].includes(typeof item))
    .map(([, item]) => describe(item));
  return details.length > 0 ? `${record[nameKey]} (${details.join(", ")})` : String(record[nameKey]);
}

function listed(texts: string[]): Fact[] {
  const shown = texts.slice(0, MAX_ITEMS).map((text) => ({ text }));
  return texts.length > MAX_ITEMS ? [...shown, { text: `… and ${texts.length - MAX_ITEMS} more` }] : shown;
}

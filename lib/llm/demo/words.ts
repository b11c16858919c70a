/** Word handling shared by tool choice, argument filling and token counting. */

// Words that say nothing about which tool fits: "Tell me about Spain" is about "spain".
const STOP_WORDS = new Set(
  (
    "a an the and or but if then else of to in on at by for with about from into onto over under is are was were " +
    "be been being am do does did done what which who whom whose when where why how me my mine i you your yours we " +
    "our us it its this that these those there here please tell show give get can could would should will shall " +
    "may might must let lets some any all just also so than too very not no yes hi hello hey thanks thank want " +
    "need like know find out up"
  ).split(" "),
);

/** Splits identifiers and prose alike: "get_countryInfo" → ["get", "country", "info"]. */
export function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The words that carry meaning, folded so "files" meets "file" and "countries" meets "country". */
export function keywords(text: string): Set<string> {
  return new Set(
    splitWords(text)
      .filter((word) => word.length > 1 && !/^\d+$/.test(word) && !STOP_WORDS.has(word))
      .map(singular),
  );
}

function singular(word: string) {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** The demo model's notion of a token: one whitespace-separated word. */
export function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/** "a", "a and b", "a, b and c". */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

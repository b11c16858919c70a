/** What can be read off a question: numbers, an arithmetic expression, a path, proper names. */

/**
 * Numbers in reading order. Digits inside words ("file2.txt", "v2") are not numbers, and a minus
 * right after a digit is a subtraction, not a sign.
 */
export function findNumbers(question: string): number[] {
  return Array.from(question.matchAll(/(?<![\w.)])-?\d+(?:\.\d+)?(?![\w.]*[a-z_])/gi), (match) => Number(match[0]));
}

// An operator between operands, a percentage or a square root: what makes a run of digits arithmetic.
const ARITHMETIC = /[\d)]\s*[-+*/^%]\s*[-\d(s]|\d\s*%|sqrt\s*\(?\s*[\d(]/i;

/** The longest run of arithmetic in the question, with unmatched parentheses dropped. */
export function findExpression(question: string): string | undefined {
  const runs = Array.from(question.matchAll(/(?:sqrt|[\d.+\-*/^%()\s])+/gi), (match) => balance(match[0]).replace(/^[\s.]+|[\s.]+$/g, ""));
  const expressions = runs.filter((run) => ARITHMETIC.test(run));
  return expressions.sort((a, b) => b.length - a.length)[0];
}

function balance(text: string) {
  const chars = Array.from(text);
  const open: number[] = [];
  const unmatched = new Set<number>();
  chars.forEach((char, index) => {
    if (char === "(") open.push(index);
    if (char === ")" && open.pop() === undefined) unmatched.add(index);
  });
  for (const index of open) unmatched.add(index);
  return chars.filter((_, index) => !unmatched.has(index)).join("");
}

/** A token that looks like a path: it contains a slash, or is a file name with an extension. */
export function findPath(question: string): string | undefined {
  return question
    .split(/\s+/)
    .map((token) => token.replace(/^["'`(]+/, "").replace(/["'`),;:!?.]+$/, ""))
    .find((token) => token.includes("/") || /^[\w.-]*\w\.[a-z][a-z0-9]{1,5}$/i.test(token));
}

/**
 * Capitalised words that do not start a sentence, neighbours kept together: "What about the United
 * Kingdom?" → ["United Kingdom"]. A sentence's first word is skipped: its capital says nothing.
 */
export function findNames(question: string): string[] {
  const names: string[] = [];
  for (const sentence of question.split(/(?<=[.!?])\s+|\n+/)) {
    let run: string[] = [];
    const flush = () => {
      if (run.length > 0) names.push(run.join(" "));
      run = [];
    };
    sentence
      .trim()
      .split(/\s+/)
      .forEach((raw, index) => {
        // "Spain's" → "Spain"; "I'm" → "I", which is too short to be a name.
        const word = raw
          .replace(/^[^\p{L}\p{N}]+/u, "")
          .replace(/[^\p{L}\p{N}]+$/u, "")
          .replace(/['’]\p{L}*$/u, "");
        if (index > 0 && word.length > 1 && /^\p{Lu}/u.test(word)) run.push(word);
        else flush();
        // Punctuation ends a name: "Spain, France" are two.
        if (!/[\p{L}\p{N}]$/u.test(raw)) flush();
      });
    flush();
  }
  return names;
}

/** An IANA time zone ("Europe/Madrid", "America/Argentina/Buenos_Aires") or UTC / GMT. */
export function findTimeZone(question: string): string | undefined {
  return /\b(?:[A-Z][A-Za-z]+(?:\/[A-Z][A-Za-z_-]+){1,2}|UTC|GMT)\b/.exec(question)?.[0];
}

// Where a question asks a second thing: "…, and what time is it?", "…; then list the files".
const NEXT_ASK =
  /\?|;|\n|,?\s+(?:and|then|also)\s+(?=(?:what|how|who|when|where|which|why|is|are|can|could|tell|give|show|list|read|compute|calculate|find|get)\b)/i;

/**
 * The separate asks of a question, in order: "What is (12+30)*2 and what time is it?" is two. A
 * list inside one ask ("Compare Spain and France") stays whole.
 */
export function splitAsks(question: string): string[] {
  const asks = question
    .split(NEXT_ASK)
    .map((ask) => ask.trim())
    .filter(Boolean);
  return asks.length > 0 ? asks : [question];
}

/** A short all-capitals token such as "ES" or "USA", wherever it stands. */
export function findCode(question: string): string | undefined {
  return /\b[A-Z]{2,3}\b/.exec(question)?.[0];
}

export function saysYes(question: string): boolean {
  return /\b(?:yes|true)\b/i.test(question);
}

export function mentions(question: string, phrase: string): boolean {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<!\\w)${escaped}(?!\\w)`, "i").test(question);
}

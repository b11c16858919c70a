import { describe, expect, it } from "vitest";
import { findCode, findExpression, findNames, findNumbers, findPath, mentions, saysYes } from "./question";

describe("findNumbers", () => {
  it("reads numbers in order, signs and decimals included", () => {
    expect(findNumbers("Add 12 and -3.5, then 7.")).toEqual([12, -3.5, 7]);
  });

  it("skips digits inside words and reads a minus after a digit as subtraction", () => {
    expect(findNumbers("open file2.txt, v2 and 3rd; 10-4")).toEqual([10, 4]);
  });
});

describe("findExpression", () => {
  it.each([
    ["What is (12 + 30) * 2?", "(12 + 30) * 2"],
    ["Compute sqrt(16) + 2^3 please.", "sqrt(16) + 2^3"],
    ["What is 15% of 80", "15%"],
    ["(what is 7 * 6)", "7 * 6"],
    ["and 1.5 / 3.", "1.5 / 3"],
  ])("%s → %s", (question, expression) => {
    expect(findExpression(question)).toBe(expression);
  });

  it("finds none in a question without arithmetic", () => {
    expect(findExpression("I was born in 1990 and live in docs/")).toBeUndefined();
  });
});

describe("findPath", () => {
  it.each([
    ["list the files in docs/", "docs/"],
    ["What is in `src/app/page.tsx`?", "src/app/page.tsx"],
    ["Read README.md.", "README.md"],
    ["show ./notes", "./notes"],
  ])("%s → %s", (question, path) => {
    expect(findPath(question)).toBe(path);
  });

  it("finds none without a slash or a file name", () => {
    expect(findPath("Tell me about Spain, e.g. its capital.")).toBeUndefined();
  });
});

describe("findNames", () => {
  it("keeps neighbouring capitalised words together and skips sentence starts", () => {
    expect(findNames("Tell me about Spain. Compare the United Kingdom's capital with France!")).toEqual([
      "Spain",
      "United Kingdom",
      "France",
    ]);
  });

  it("splits names at punctuation and ignores the pronoun I", () => {
    expect(findNames("Can I visit Spain, Portugal and Italy?")).toEqual(["Spain", "Portugal", "Italy"]);
  });
});

describe("small readers", () => {
  it("finds a short all-capitals code", () => {
    expect(findCode("ES facts")).toBe("ES");
    expect(findCode("no code here")).toBeUndefined();
  });

  it("hears yes and true", () => {
    expect(saysYes("Yes, include images")).toBe(true);
    expect(saysYes("yesterday")).toBe(false);
  });

  it("matches whole words, case-insensitively", () => {
    expect(mentions("in Celsius please", "celsius")).toBe(true);
    expect(mentions("json-ish", "js")).toBe(false);
  });
});

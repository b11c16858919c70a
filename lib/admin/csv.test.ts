import { describe, expect, it } from "vitest";
import { csvLine } from "./csv";

describe("csvLine", () => {
  it("quotes fields with separators, quotes and line breaks, and ends with CRLF", () => {
    expect(csvLine(["plain", 'say "hi"', "a,b", "two\nlines", 3, null, undefined])).toBe('plain,"say ""hi""","a,b","two\nlines",3,,\r\n');
  });

  it("writes dates as ISO 8601", () => {
    expect(csvLine([new Date("2026-11-29T10:00:00Z")])).toBe("2026-11-29T10:00:00.000Z\r\n");
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvLine(['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)"])).toBe(`"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1)\r\n`);
  });
});

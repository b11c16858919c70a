/**
 * One CSV line (RFC 4180): fields with commas, quotes or line breaks are quoted. A text starting with
 * =, +, - or @ gets a leading apostrophe, so a spreadsheet shows it instead of running it as a
 * formula (chat titles are user input).
 */
export function csvLine(values: readonly (string | number | Date | null | undefined)[]) {
  return `${values.map(csvField).join(",")}\r\n`;
}

function csvField(value: string | number | Date | null | undefined) {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

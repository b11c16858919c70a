/** One Server-Sent Event as the API sends it (DESIGN §4): `id` is the seq, `data` one JSON line. */
export type SseEvent = { id: number; event: string; data: Record<string, unknown> };

/** One block of an SSE stream (the text between blank lines) → its event; comments such as `: ping` → none. */
export function parseSseBlock(block: string): SseEvent | undefined {
  const lines = block.split("\n").filter((line) => line && !line.startsWith(":"));
  if (lines.length === 0) return undefined;
  const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2) ?? "";
  return { id: Number(field("id")), event: field("event"), data: JSON.parse(field("data")) };
}

/** A whole SSE body → its events. */
export function parseSse(text: string): SseEvent[] {
  return text.split("\n\n").flatMap((block) => parseSseBlock(block) ?? []);
}

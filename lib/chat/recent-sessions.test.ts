import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { searchChats } from "./recent-sessions";

const tag = `search${Date.now()}`;
let me: { id: string; role: "USER" };
let other: string;
let ids: Record<string, string>;

beforeAll(async () => {
  me = { id: (await db.user.create({ data: { email: `${tag}-me@example.com` } })).id, role: "USER" };
  other = (await db.user.create({ data: { email: `${tag}-other@example.com` } })).id;
  const chat = async (userId: string, title: string, said: string[], deletedAt?: Date) => {
    const session = await db.chatSession.create({ data: { userId, agent: "assistant", title, deletedAt } });
    for (const text of said) await db.message.create({ data: { sessionId: session.id, role: "ASSISTANT", text } });
    return session.id;
  };
  ids = {
    titled: await chat(me.id, `Trip to ${tag} Lima`, ["nothing here"]),
    said: await chat(me.id, "Countries", [`intro ${"words ".repeat(30)}`, `- **capital**: \`${tag}ville\` and more ${"tail ".repeat(30)}`]),
    deep: await chat(me.id, "Long answer", [`${"lead ".repeat(40)}${tag}deep ${"tail ".repeat(40)}`]),
    deleted: await chat(me.id, `Gone ${tag}`, [], new Date()),
    theirs: await chat(other, `Theirs ${tag}`, [tag]),
  };
});
afterAll(() => db.user.deleteMany({ where: { id: { in: [me.id, other] } } }));

describe("searching chats", () => {
  it("finds the user's own chats by title or by what was said, never deleted ones or anyone else's", async () => {
    const found = await searchChats(me, tag.toUpperCase());
    expect(found.map((chat) => chat.id).sort()).toEqual([ids.titled, ids.said, ids.deep].sort());
  });

  it("shows where it matched, in words, around the match", async () => {
    const [hit] = await searchChats(me, `${tag}VILLE`);
    expect(hit!.id).toBe(ids.said);
    const { text, match, length } = hit!.snippet!;
    expect(text.slice(match, match + length).toLowerCase()).toBe(`${tag}ville`);
    // Near the start of its message: cut only after it.
    expect(text).toMatch(/^capital: search\d+ville and more tail .*…$/);
    expect(text).not.toMatch(/[*`]/);
    expect(text.length).toBeLessThanOrEqual(92);
  });

  it("cuts a long message on both sides of a match deep inside it", async () => {
    const [hit] = await searchChats(me, `${tag}deep`);
    const { text, match, length } = hit!.snippet!;
    expect(text).toMatch(/^…[a-z]* lead .* tail [a-z]*…$/);
    expect(text.slice(match, match + length)).toBe(`${tag}deep`);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { changeUser, listUsers } from "./users";

// The test database may hold other admins: this file's rules are checked with them disabled.
let others: string[];
let admin: { id: string; role: "ADMIN" };
let member: string;

beforeAll(async () => {
  others = (await db.user.findMany({ where: { role: "ADMIN", disabledAt: null }, select: { id: true } })).map((user) => user.id);
  await db.user.updateMany({ where: { id: { in: others } }, data: { disabledAt: new Date() } });
  const tag = Date.now();
  admin = { id: (await db.user.create({ data: { email: `admin-${tag}@example.com`, role: "ADMIN" } })).id, role: "ADMIN" };
  member = (await db.user.create({ data: { email: `member-${tag}@example.com`, lastActiveAt: new Date("2026-01-01T00:00:00Z") } })).id;
});
afterAll(async () => {
  await db.user.deleteMany({ where: { id: { in: [admin.id, member] } } });
  await db.user.updateMany({ where: { id: { in: others } }, data: { disabledAt: null } });
});

describe("admin user changes", () => {
  it("never demotes or disables the last enabled admin", async () => {
    await expect(changeUser(admin, admin.id, { role: "USER" })).rejects.toMatchObject({ code: "conflict" });
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
  });

  it("refuses to disable one's own account", async () => {
    await expect(changeUser(admin, admin.id, { disabled: true })).rejects.toMatchObject({ code: "conflict" });
  });

  it("promotes, then lets the first admin step down once another is enabled", async () => {
    await changeUser(admin, member, { role: "ADMIN" });
    await changeUser(admin, admin.id, { role: "USER" });
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("USER");
    // Now `member` is the last admin: disabling them is refused, whoever asks.
    await expect(changeUser({ id: admin.id, role: "ADMIN" }, member, { disabled: true })).rejects.toMatchObject({ code: "conflict" });
    await changeUser({ id: member, role: "ADMIN" }, admin.id, { role: "ADMIN" });
    await changeUser(admin, member, { role: "USER" });
  });

  it("disables and enables, keeping the first disabling time", async () => {
    const first = await changeUser(admin, member, { disabled: true });
    const again = await changeUser(admin, member, { disabled: true });
    expect(first.disabledAt).toBeInstanceOf(Date);
    expect(again.disabledAt).toEqual(first.disabledAt);
    expect((await changeUser(admin, member, { disabled: false })).disabledAt).toBeNull();
  });

  it("answers 404 for a user that does not exist", async () => {
    await expect(changeUser(admin, "nobody", { role: "ADMIN" })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("admin user list", () => {
  it("shows the session count and the later of last sign-in and latest chat", async () => {
    const latest = new Date("2026-03-01T00:00:00Z");
    await db.chatSession.createMany({
      data: [
        { userId: member, agent: "assistant", title: "a", lastActiveAt: new Date("2026-02-01T00:00:00Z") },
        { userId: member, agent: "assistant", title: "b", lastActiveAt: latest },
      ],
    });
    const { users } = await listUsers({ q: "member-", page: 1 });
    const row = users.find((user) => user.id === member)!;
    expect(row).toMatchObject({ sessionCount: 2, lastActiveAt: latest });
    expect(users.every((user) => user.email.includes("member-"))).toBe(true);
  });
});

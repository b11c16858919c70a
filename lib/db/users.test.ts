import { afterAll, describe, expect, it } from "vitest";
import { db } from "./client";
import { ensureUser } from "./users";

afterAll(() => db.$disconnect());

describe("ensureUser", () => {
  it("makes the account once, however many requests need it at the same moment", async () => {
    const email = `service-${Date.now()}@example.com`;
    const users = await Promise.all(Array.from({ length: 8 }, () => ensureUser(email, "Service")));
    expect(new Set(users.map((user) => user.id)).size).toBe(1);
    expect(await db.user.count({ where: { email } })).toBe(1);
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { authenticate } from "./credentials";
import { hashPassword } from "./password";
import { changePassword, issuePasswordReset, resetPassword } from "./passwords";

const admin = { id: "admin-id", role: "ADMIN" as const };
let userId: string;
let email: string;
beforeEach(async () => {
  email = `passwords-${Date.now()}@example.com`;
  userId = (await db.user.create({ data: { email, passwordHash: await hashPassword("the old password") } })).id;
});

const signsInWith = async (password: string) => (await authenticate({ email, password }, "198.51.100.7")) !== null;
const tokenOf = (path: string) => new URL(path, "http://x").searchParams.get("token")!;

describe("changing a password", () => {
  it("needs the current one, then the new one signs in and the old one does not", async () => {
    expect(await changePassword(userId, { current: "not it", password: "a new long password" })).toEqual({
      ok: false,
      errors: { current: "That is not your current password." },
    });
    expect(await changePassword(userId, { current: "the old password", password: "short" })).toMatchObject({
      ok: false,
      errors: { password: "Use at least 8 characters." },
    });
    expect(await signsInWith("the old password")).toBe(true);
    expect(await changePassword(userId, { current: "the old password", password: "a new long password" })).toEqual({ ok: true });
    expect(await signsInWith("a new long password")).toBe(true);
    expect(await signsInWith("the old password")).toBe(false);
  });

  it("sets a first password without one for an account that had none", async () => {
    await db.user.update({ where: { id: userId }, data: { passwordHash: null } });
    expect(await changePassword(userId, { password: "a first long password" })).toEqual({ ok: true });
    expect(await signsInWith("a first long password")).toBe(true);
  });
});

describe("reset links", () => {
  it("are made by admins only, store only a hash, and work once", async () => {
    await expect(issuePasswordReset({ id: userId, role: "USER" }, userId)).rejects.toMatchObject({ code: "forbidden" });
    await expect(issuePasswordReset(admin, "cnosuchuser0000000000000")).rejects.toMatchObject({ code: "not_found" });
    const { path, expiresAt } = await issuePasswordReset(admin, userId);
    expect(path).toMatch(/^\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
    const token = tokenOf(path);
    const stored = await db.passwordReset.findMany({ where: { userId } });
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);

    expect(await resetPassword({ token, password: "short" })).toMatchObject({ ok: false, errors: { password: expect.any(String) } });
    expect(await resetPassword({ token, password: "a reset long password" })).toEqual({ ok: true, email });
    expect(await signsInWith("a reset long password")).toBe(true);
    expect(await signsInWith("the old password")).toBe(false);
    expect(await resetPassword({ token, password: "another long password" })).toMatchObject({
      ok: false,
      errors: { form: expect.any(String) },
    });
    expect(await signsInWith("a reset long password")).toBe(true);
  });

  it("stop working when expired, when replaced by a newer one, or when not ours", async () => {
    const first = tokenOf((await issuePasswordReset(admin, userId)).path);
    const second = tokenOf((await issuePasswordReset(admin, userId)).path);
    expect(await resetPassword({ token: first, password: "a reset long password" })).toMatchObject({ ok: false });
    await db.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resetPassword({ token: second, password: "a reset long password" })).toMatchObject({ ok: false });
    expect(await resetPassword({ token: "x".repeat(43), password: "a reset long password" })).toMatchObject({ ok: false });
    expect(await resetPassword({ token: "not a token", password: "a reset long password" })).toEqual({
      ok: false,
      errors: { form: "This link is not valid." },
    });
    expect(await signsInWith("the old password")).toBe(true);
  });
});

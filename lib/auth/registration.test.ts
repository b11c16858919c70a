import { beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { db } from "@/lib/db/client";
import { env, type Env } from "@/lib/env";
import { authenticate } from "./credentials";
import { registerUser } from "./registration";

const password = "a good long password";

/** Settings for one test. Changed in place: reloading modules would open a second database pool. */
function setEnv(overrides: Partial<Env>) {
  const saved = { ...env };
  Object.assign(env, overrides);
  onTestFinished(() => {
    Object.assign(env, saved);
  });
}

describe("registration and sign-in against the database", () => {
  beforeEach(async () => {
    await db.user.deleteMany();
  });
  it("makes the first account an admin and the next ones users", async () => {
    const first = await registerUser({ email: "first@example.com", password });
    const second = await registerUser({ email: "second@example.com", password });
    expect(first).toMatchObject({ ok: true, user: { role: "ADMIN" } });
    expect(second).toMatchObject({ ok: true, user: { role: "USER" } });
  });

  it("makes ADMIN_EMAILS admins whatever their order", async () => {
    setEnv({ ADMIN_EMAILS: ["boss@example.com"] });
    await registerUser({ email: "first@example.com", password });
    expect(await registerUser({ email: "Boss@Example.com", password })).toMatchObject({ ok: true, user: { role: "ADMIN" } });
    expect(await registerUser({ email: "third@example.com", password })).toMatchObject({ ok: true, user: { role: "USER" } });
  });

  it("gives one admin when first sign-ups race", async () => {
    const results = await Promise.all(
      ["a", "b", "c", "d"].map((name) => registerUser({ email: `${name}@example.com`, password })),
    );
    expect(results.filter((r) => r.ok && r.user.role === "ADMIN")).toHaveLength(1);
  });

  it("stores emails lower-cased and refuses a duplicate with a clear message", async () => {
    await registerUser({ email: "Ada@Example.com", password });
    const again = await registerUser({ email: "ada@example.com ", password });
    expect(again).toEqual({ ok: false, errors: { email: expect.stringContaining("already exists") } });
    expect(await db.user.count()).toBe(1);
  });

  it("refuses a weak password and a bad email, writing nothing", async () => {
    expect(await registerUser({ email: "ada@example.com", password: "short" })).toEqual({
      ok: false,
      errors: { password: "Use at least 8 characters." },
    });
    expect(await registerUser({ email: "not-an-email", password })).toEqual({
      ok: false,
      errors: { email: "Enter a valid email address." },
    });
    expect(await db.user.count()).toBe(0);
  });

  it("is closed when ALLOW_REGISTRATION=false", async () => {
    setEnv({ ALLOW_REGISTRATION: false });
    const result = await registerUser({ email: "ada@example.com", password });
    expect(result).toEqual({ ok: false, errors: { form: expect.stringContaining("Registration is closed") } });
    expect(await db.user.count()).toBe(0);
  });

  it("authenticates the right password only, and never a disabled account", async () => {
    await registerUser({ email: "ada@example.com", password });
    expect(await authenticate({ email: "ADA@example.com", password })).toMatchObject({ email: "ada@example.com" });
    expect(await authenticate({ email: "ada@example.com", password: "wrong password" })).toBeNull();
    expect(await authenticate({ email: "nobody@example.com", password })).toBeNull();
    expect(await authenticate({ email: "ada@example.com" })).toBeNull();

    await db.user.update({ where: { email: "ada@example.com" }, data: { disabledAt: new Date() } });
    expect(await authenticate({ email: "ada@example.com", password })).toBeNull();
  });

  it("stores a hash, not the password", async () => {
    await registerUser({ email: "ada@example.com", password });
    const user = await db.user.findUniqueOrThrow({ where: { email: "ada@example.com" } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(password);
  });
});

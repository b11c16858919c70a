import { beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { db } from "@/lib/db/client";
import { env, type Env } from "@/lib/env";
import { authenticate, SignInRateLimited } from "./credentials";
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
    const results = await Promise.all(["a", "b", "c", "d"].map((name) => registerUser({ email: `${name}@example.com`, password })));
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
    const from = "10.0.0.1";
    expect(await authenticate({ email: "ADA@example.com", password }, from)).toMatchObject({ email: "ada@example.com" });
    expect(await authenticate({ email: "ada@example.com", password: "wrong password" }, from)).toBeNull();
    expect(await authenticate({ email: "nobody@example.com", password }, from)).toBeNull();
    expect(await authenticate({ email: "ada@example.com" }, from)).toBeNull();

    // Disabled: said so only with the right password; a wrong one is still just wrong.
    await db.user.update({ where: { email: "ada@example.com" }, data: { disabledAt: new Date() } });
    await expect(authenticate({ email: "ada@example.com", password }, from)).rejects.toMatchObject({ code: "disabled" });
    expect(await authenticate({ email: "ada@example.com", password: "wrong password" }, from)).toBeNull();
  });

  it("stops checking passwords of an account after RATE_LIMIT_SIGNIN_PER_MIN attempts, from any address", async () => {
    // Limits outlive a test: this account is used by no other.
    await registerUser({ email: "carol@example.com", password });
    for (let i = 0; i < env.RATE_LIMIT_SIGNIN_PER_MIN; i++) {
      expect(await authenticate({ email: "carol@example.com", password: "wrong password" }, `10.1.0.${i}`)).toBeNull();
    }
    const locked = await authenticate({ email: "CAROL@example.com", password }, "10.2.0.1").then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(locked).toBeInstanceOf(SignInRateLimited);
    expect((locked as SignInRateLimited).code).toBe("rate_limited");
    expect((locked as SignInRateLimited).retryAfterSeconds).toBeGreaterThan(0);
  });

  it("stops checking passwords from an address after RATE_LIMIT_SIGNIN_PER_ADDRESS_PER_MIN attempts, whatever the account", async () => {
    await registerUser({ email: "bob@example.com", password });
    for (let i = 0; i < env.RATE_LIMIT_SIGNIN_PER_ADDRESS_PER_MIN; i++) {
      expect(await authenticate({ email: `guess${i}@example.com`, password }, "10.3.0.1")).toBeNull();
    }
    await expect(authenticate({ email: "bob@example.com", password }, "10.3.0.1")).rejects.toBeInstanceOf(SignInRateLimited);
    expect(await authenticate({ email: "bob@example.com", password }, "10.3.0.2")).toMatchObject({ email: "bob@example.com" });
  });

  it("does not let the service user or the local developer take the first-admin place", async () => {
    await db.user.create({ data: { email: env.API_SERVICE_EMAIL, name: "API service" } });
    await db.user.create({ data: { email: "dev@localhost", name: "Local developer" } });
    expect(await registerUser({ email: "first@example.com", password })).toMatchObject({ ok: true, user: { role: "ADMIN" } });
    expect(await registerUser({ email: "second@example.com", password })).toMatchObject({ ok: true, user: { role: "USER" } });
  });

  it("stores a hash, not the password", async () => {
    await registerUser({ email: "ada@example.com", password });
    const user = await db.user.findUniqueOrThrow({ where: { email: "ada@example.com" } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(password);
  });
});

import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, type TestDatabase } from "@/test/support/databases";
import { startProductionServer, waitUntilServing, type Server } from "@/test/support/servers";
import { signInThroughAuthJs, submitForm } from "@/test/support/sign-in";

// Sign-in limits against the production build, through both paths that check a password: the
// form (a server action) and Auth.js's own endpoint, with a client that writes its own
// X-Forwarded-For on every attempt.
const serverUrl = process.env.TEST_POSTGRES_URL || undefined;
const KEY = "sign-in-test-service-key-0123456789";
const RATE_LIMITED = /^Too many sign-in attempts\. Try again in \d+ s\.$/;
const INVALID = "Invalid email or password.";

const databases: TestDatabase[] = [];
const servers: Server[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
  for (const database of databases) await database.drop();
});

async function serve(env: Record<string, string>) {
  const database = await createDatabase(serverUrl, "signin");
  databases.push(database);
  const server = await startProductionServer({
    DATABASE_URL: database.url,
    AUTH_SECRET: "sign-in-test-secret-0123456789abcdef",
    API_KEYS: KEY,
    ...env,
  });
  servers.push(server);
  await waitUntilServing(server);
  return { server, database };
}

async function roleOf(database: TestDatabase, email: string) {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<{ role: string }>(`SELECT role FROM "User" WHERE email = $1`, [email])).rows[0]?.role;
  } finally {
    await client.end();
  }
}

const ada = { name: "Ada", email: "ada@example.com", password: "ada's long password" };
const forwardedFor = (i: number) => ({ "X-Forwarded-For": `198.51.100.${i}` });

describe("sign-in limits (production build)", () => {
  it("count a client by its connection, whatever X-Forwarded-For it sends, on the form and on Auth.js's endpoint", async () => {
    const { server, database } = await serve({ RATE_LIMIT_SIGNIN_PER_ADDRESS_PER_MIN: "10", RATE_LIMIT_SIGNIN_PER_MIN: "100" });
    // A service key used before anyone registered, and a chat run first in the process.
    const chat = await fetch(`${server.url}/api/agents/assistant/chat`, {
      method: "POST",
      headers: { "X-API-Key": KEY, "Content-Type": "application/json" },
      body: JSON.stringify({ query: "What is 2 + 2?" }),
    });
    expect(chat.status).toBe(200);

    const registered = await submitForm(server.url, "/register", ada);
    expect(registered).toMatchObject({ status: 303, signedIn: true });
    expect(await roleOf(database, ada.email)).toBe("ADMIN");

    // 30 attempts, each for another account and with another X-Forwarded-For, alternating paths.
    const answers: string[] = [];
    for (let i = 0; i < 30; i++) {
      const email = `guess${i}@example.com`;
      if (i % 2) {
        const { location, signedIn } = await signInThroughAuthJs(server.url, email, "a guess", forwardedFor(i));
        expect(signedIn).toBe(false);
        answers.push(new URL(location).searchParams.get("code") ?? location);
      } else {
        const { status, alert, signedIn } = await submitForm(server.url, "/signin", { email, password: "a guess" }, forwardedFor(i));
        expect({ status, signedIn }).toEqual({ status: 200, signedIn: false });
        answers.push(alert === INVALID ? "credentials" : RATE_LIMITED.test(alert ?? "") ? "rate_limited" : `${alert}`);
      }
    }
    // The registration's own sign-in was the address's first check.
    expect(answers).toEqual([...Array(9).fill("credentials"), ...Array(21).fill("rate_limited")]);

    const form = await submitForm(server.url, "/signin", { email: ada.email, password: ada.password }, forwardedFor(99));
    expect(form).toMatchObject({ status: 200, signedIn: false, alert: expect.stringMatching(RATE_LIMITED) });
    const endpoint = await signInThroughAuthJs(server.url, ada.email, ada.password, forwardedFor(98));
    expect(endpoint.signedIn).toBe(false);
    expect(new URL(endpoint.location).search).toBe("?error=CredentialsSignin&code=rate_limited");
    const page = await (await fetch(`${server.url}/signin?error=CredentialsSignin&code=rate_limited`)).text();
    expect(page).toContain("Too many sign-in attempts. Try again in a minute.");
    expect(server.output()).not.toMatch(/Error|\b500\b/);
  });

  it("lock an account after RATE_LIMIT_SIGNIN_PER_MIN checks from any addresses, on both paths alike", async () => {
    // Behind a proxy the operator trusts, X-Forwarded-For is each client's address.
    const { server } = await serve({
      TRUSTED_PROXIES: "127.0.0.1",
      RATE_LIMIT_SIGNIN_PER_MIN: "5",
      RATE_LIMIT_SIGNIN_PER_ADDRESS_PER_MIN: "100",
    });
    expect(await submitForm(server.url, "/register", ada, forwardedFor(1))).toMatchObject({ status: 303, signedIn: true });
    const bob = { name: "Bob", email: "bob@example.com", password: "bob's long password" };
    expect(await submitForm(server.url, "/register", bob, forwardedFor(1))).toMatchObject({ status: 303, signedIn: true });

    for (let i = 2; i < 6; i++) {
      const wrong =
        i % 2
          ? (await submitForm(server.url, "/signin", { email: ada.email, password: "wrong" }, forwardedFor(i))).alert
          : new URL((await signInThroughAuthJs(server.url, ada.email, "wrong", forwardedFor(i))).location).searchParams.get("code");
      expect(wrong).toBe(i % 2 ? INVALID : "credentials");
    }
    const form = await submitForm(server.url, "/signin", { email: ada.email, password: ada.password }, forwardedFor(50));
    expect(form).toMatchObject({ signedIn: false, alert: expect.stringMatching(RATE_LIMITED) });
    const endpoint = await signInThroughAuthJs(server.url, ada.email, ada.password, forwardedFor(51));
    expect(endpoint).toMatchObject({ signedIn: false, location: expect.stringContaining("code=rate_limited") });

    // Another account from the same addresses is not locked.
    expect(await submitForm(server.url, "/signin", { email: bob.email, password: bob.password }, forwardedFor(50))).toMatchObject({
      status: 303,
      signedIn: true,
    });
    expect(await signInThroughAuthJs(server.url, bob.email, bob.password, forwardedFor(51))).toMatchObject({ signedIn: true });
  });
});

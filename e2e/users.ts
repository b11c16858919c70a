import path from "node:path";

export type Account = { name: string; email: string; password: string };

const account = (name: string, password = `${name.toLowerCase()}'s long password`): Account => ({
  name,
  email: `${name.toLowerCase()}@example.com`,
  password,
});

/** The database's first account, so its admin: registered before anyone else by users.setup.ts. */
export const admin: Account = { name: "Ada Admin", email: "ada@example.com", password: "ada's long password" };

/** Each spec's own accounts, registered by users.setup.ts, so no spec needs another to run first. */
export const members = {
  erin: account("Erin"), // chat.spec.ts
  pat: account("Pat", "pat's long password here"), // chat.spec.ts: a sidebar of seeded chats
  carol: account("Carol"), // api.spec.ts
  dave: account("Dave"), // api.spec.ts
  frank: account("Frank"), // admin.spec.ts
  grace: account("Grace"), // clients.spec.ts
  henry: account("Henry"), // model.spec.ts
};

/** An account's signed-in browser state, saved by users.setup.ts (outside Playwright's outputDir, which each run empties). */
export const stateOf = (user: Account) => path.join("test-results", "e2e-users", `${user.email}.json`);

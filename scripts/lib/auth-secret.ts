import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * A laptop needs no AUTH_SECRET: one is generated once and kept beside the embedded data, so
 * sign-ins survive restarts. Deployments set AUTH_SECRET; production refuses to start without it.
 */
export async function localAuthSecret(dataDir: string) {
  const file = path.join(path.dirname(dataDir), "auth-secret");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    const secret = randomBytes(32).toString("base64url");
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}

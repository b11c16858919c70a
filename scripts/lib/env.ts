import nextEnv from "@next/env";
import type { Env } from "../../lib/env";

/** Loads .env files as Next does, then validates them; a bad value ends the process naming the variable. */
export async function loadEnv(dev: boolean): Promise<Env> {
  nextEnv.loadEnvConfig(process.cwd(), dev, { info: () => {}, error: console.error });
  try {
    const { env } = await import("../../lib/env");
    return env;
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

import "server-only";
import { db } from "@/lib/db/client";

const CHECK_TIMEOUT_MS = 3_000;

export type Health = { status: "ok" | "error"; db: "ok" | "down" };

async function databaseUp() {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error("database check timed out")), CHECK_TIMEOUT_MS).unref(),
  );
  try {
    await Promise.race([db.$queryRaw`SELECT 1`, timeout]);
    return true;
  } catch (error) {
    console.error("health: database unreachable:", (error as Error).message);
    return false;
  }
}

export async function checkHealth(): Promise<Health> {
  const up = await databaseUp();
  return { status: up ? "ok" : "error", db: up ? "ok" : "down" };
}

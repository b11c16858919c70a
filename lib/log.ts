import pino from "pino";
import { env } from "@/lib/env";

/**
 * Structured JSON logs. Keys, passwords and authorization headers are redacted wherever they appear;
 * message bodies are only ever logged at debug level.
 */
export const logger = pino({
  level: env.NODE_ENV === "test" ? "silent" : env.LOG_LEVEL,
  redact: {
    paths: ["password", "*.password", "key", "*.key", "apiKey", "*.apiKey", "headers.authorization", "headers['x-api-key']", "headers.cookie"],
    censor: "[redacted]",
  },
});

export type Logger = typeof logger;

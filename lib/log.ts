import pino, { type DestinationStream } from "pino";
import { env } from "@/lib/env";

/**
 * Structured JSON logs. Keys, passwords and credential headers are redacted wherever they appear;
 * message bodies are only ever logged at debug level.
 */
export function createLogger(destination?: DestinationStream) {
  return pino(
    {
      level: env.NODE_ENV === "test" && !destination ? "silent" : env.LOG_LEVEL,
      redact: {
        paths: [
          "password",
          "*.password",
          "key",
          "*.key",
          "apiKey",
          "*.apiKey",
          "*.headers.authorization",
          "*.headers['x-api-key']",
          "*.headers.cookie",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

export const logger = createLogger();

export type Logger = typeof logger;

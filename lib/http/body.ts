import type { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * The request's JSON body, at most `limitBytes`, validated by `schema`. Reads the stream itself so a
 * missing or lying Content-Length cannot get more than the limit into memory.
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, limitBytes: number): Promise<z.infer<S>> {
  const tooLarge = () => new AppError("payload_too_large", `The request body is over ${limitBytes} bytes.`);
  if (Number(request.headers.get("content-length") ?? 0) > limitBytes) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
    size += read.value.byteLength;
    if (size > limitBytes) {
      await reader!.cancel();
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON.");
  }
  return validated(schema, storable(json, "body"), "body");
}

/** Text Postgres can store as it was sent: no NUL, no unpaired surrogate (\ud800). */
export function isStorableText(text: string) {
  return !text.includes("\u0000") && text.isWellFormed();
}

/** Where in `value` (keys included) the first text is that isStorableText refuses, if any. */
function unstorableAt(value: unknown, path: string): string | undefined {
  if (typeof value === "string") return isStorableText(value) ? undefined : path;
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = isStorableText(key) ? unstorableAt(item, `${path}.${key}`) : `${path} (a key)`;
    if (at) return at;
  }
  return undefined;
}

function storable<T>(value: T, what: string): T {
  const at = unstorableAt(value, what);
  if (at)
    throw new AppError("invalid_body", `${at.replace(/^(body|query)\./, "")}: must not contain NUL characters or unpaired surrogates.`);
  return value;
}

/** The request's query string, validated by `schema` (400 naming the parameter otherwise). */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  return validated(schema, storable(Object.fromEntries(new URL(request.url).searchParams), "query"), "query");
}

function validated<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("invalid_body", `${issue.path.join(".") || what}: ${issue.message}`);
  }
  return parsed.data;
}

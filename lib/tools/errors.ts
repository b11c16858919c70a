/** What an error says, whatever was thrown. */
export function messageOf(error: unknown) {
  return error instanceof Error ? error.message : String(error);
}

/** `text` with each of `secrets` masked: server output and SDK errors may echo env or header values. */
export function redact(text: string, secrets: readonly string[]) {
  return secrets.reduce((result, secret) => result.replaceAll(secret, "***"), text);
}

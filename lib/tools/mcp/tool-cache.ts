import type { McpToolInfo } from "./types";

/** A server's tool list: fresh for `ttlMs`, then kept only for status().toolCount until replaced. */
export class ToolCache {
  private list?: McpToolInfo[];
  private expiresAt = 0;
  private version = 0;

  constructor(private readonly ttlMs: number) {}

  get count() {
    return this.list?.length;
  }

  fresh(): McpToolInfo[] | undefined {
    return this.list && Date.now() < this.expiresAt ? this.list : undefined;
  }

  async refresh(fetch: () => Promise<McpToolInfo[]>): Promise<McpToolInfo[]> {
    const version = this.version;
    const list = await fetch();
    this.list = list;
    // A change reported while fetching may have made this list stale already: the next call asks again.
    this.expiresAt = version === this.version ? Date.now() + this.ttlMs : 0;
    return list;
  }

  /** A list another instance fetched, fresh until `expiresAt`. */
  adopt(list: McpToolInfo[], expiresAt: number) {
    this.list = list;
    this.expiresAt = expiresAt;
  }

  /** The server reported tools/list_changed. */
  stale() {
    this.expiresAt = 0;
    this.version++;
  }

  /** A new connection, which may be to a different build of the server. */
  clear() {
    this.list = undefined;
    this.stale();
  }
}

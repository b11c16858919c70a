/**
 * The idle case: what an open stream costs the project while nothing flows. Streams are opened
 * against a stub whose first token never comes within the measurement; the project's RSS (with its
 * descendants) is compared once it has settled before and after. Runs beyond MAX_ACTIVE_RUNS wait
 * queued: their streams are open all the same.
 */
import { Agent, request, type ClientRequest } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { Target } from "./load";
import { processTree, sampleProcesses } from "./proc";

const WARM_UP = 20; // streams opened before the "before" figure, so it includes what the first ones load
const BATCH = 100;
const OPEN_TIMEOUT_MS = 60_000;

/** Opens one stream: true once its 200 headers have come. Its body (pings) is read and dropped. */
function open(target: Target, agent: Agent, opened: ClientRequest[]) {
  return new Promise<boolean>((resolve) => {
    const body = Buffer.from(target.body);
    const headers = { "content-type": "application/json", "content-length": body.length, ...target.headers };
    const req = request(target.url, { method: "POST", agent, headers }, (res) => {
      clearTimeout(timer);
      res.resume();
      resolve(res.statusCode === 200);
    });
    const timer = setTimeout(() => req.destroy(), OPEN_TIMEOUT_MS);
    req.on("error", () => resolve(false));
    req.end(body);
    opened.push(req);
  });
}

/** Opens `count` streams, `BATCH` at a time; how many got their 200. */
async function openStreams(target: Target, agent: Agent, opened: ClientRequest[], count: number) {
  let ok = 0;
  for (let start = 0; start < count; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - start) }, () => open(target, agent, opened));
    ok += (await Promise.all(batch)).filter(Boolean).length;
  }
  return ok;
}

/** The RSS once it has moved less than 1 % over 2 s (checked every 250 ms, for 30 s at most). */
async function settledRssKb(pid: number) {
  const samples: number[] = [];
  for (let i = 0; i < 120; i++) {
    samples.push(sampleProcesses(processTree(pid)).rssKb);
    const recent = samples.slice(-9);
    if (recent.length === 9 && Math.max(...recent) - Math.min(...recent) <= Math.max(...recent) / 100) break;
    await sleep(250);
  }
  return samples.at(-1)!;
}

/** Runs the idle case on `target` (a project served against the idle stub): its result line, and how many streams failed to open. */
export async function idleCase(target: Target, count: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const opened: ClientRequest[] = [];
  try {
    const warm = await openStreams(target, agent, opened, WARM_UP);
    const before = await settledRssKb(target.pid);
    const ok = await openStreams(target, agent, opened, count);
    const after = await settledRssKb(target.pid);
    const failed = count - ok + (WARM_UP - warm);
    const line =
      `idle streams: ${ok} open (after ${warm} opened as warm-up)${failed ? `, ${failed} failed to open` : ""}, ` +
      `RSS ${(before / 1024).toFixed(0)} → ${(after / 1024).toFixed(0)} MB, growth per stream ${ok ? ((after - before) / ok).toFixed(0) : "-"} KB`;
    return { line, failed };
  } finally {
    for (const req of opened) req.destroy();
    agent.destroy();
  }
}

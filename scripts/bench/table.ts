/**
 * The results as markdown, in the shared harness's format: one row per target and concurrency,
 * then each target against `direct` at the same concurrency. The throughput ratio compares text
 * characters per second, so a server that merges tokens into fewer events is not penalised.
 */
import type { LoadResult } from "./load";

const row = (cells: unknown[]) => `| ${cells.join(" | ")} |`;
const ms = (value: number | undefined) => (value === undefined ? "-" : value.toFixed(value < 10 ? 1 : 0));
const mb = (kb: number) => (kb / 1024).toFixed(0);
const minus = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a - b);
const cpuMsPer1kTokens = (r: LoadResult) => (r.tokens ? ((r.server.cpuS * 1e6) / r.tokens).toFixed(0) : "-");

export function printTables(results: LoadResult[]) {
  const lines = [
    row([
      "target",
      "C",
      "req",
      "err",
      "TTFT p50 ms",
      "TTFT p99 ms",
      "total p50 ms",
      "total p99 ms",
      "tokens/s",
      "server CPU s",
      "server RSS MB before→peak",
      "client CPU %",
    ]),
    row(Array(12).fill("---")),
    ...results.map((r) =>
      row([
        r.label,
        r.concurrency,
        r.requests,
        r.errors,
        ms(r.ttftMs.p50),
        ms(r.ttftMs.p99),
        ms(r.totalMs.p50),
        ms(r.totalMs.p99),
        Math.round(r.tokensPerS),
        r.server.cpuS.toFixed(2),
        `${mb(r.server.rssKb.before)}→${mb(r.server.rssKb.peak)}`,
        r.clientCpuPct.toFixed(1),
      ]),
    ),
  ];
  for (const r of results.filter((r) => r.errors > 0))
    lines.push(`\n${r.label} at C=${r.concurrency} failed with: ${r.errorSamples.join("; ")}`);

  const direct = new Map(results.filter((r) => r.label === "direct").map((r) => [r.concurrency, r]));
  const compared = results.filter((r) => r.label !== "direct" && direct.has(r.concurrency));
  if (compared.length > 0) {
    lines.push(
      "",
      "Against `direct` at the same concurrency:",
      "",
      row([
        "target",
        "C",
        "added TTFT p50 ms",
        "added TTFT p99 ms",
        "text throughput ratio",
        "server CPU ms per 1k tokens (target / direct)",
      ]),
      row(Array(6).fill("---")),
    );
    for (const r of compared) {
      const d = direct.get(r.concurrency)!;
      lines.push(
        row([
          r.label,
          r.concurrency,
          ms(minus(r.ttftMs.p50, d.ttftMs.p50)),
          ms(minus(r.ttftMs.p99, d.ttftMs.p99)),
          (r.charsPerS / d.charsPerS).toFixed(2),
          `${cpuMsPer1kTokens(r)} / ${cpuMsPer1kTokens(d)}`,
        ]),
      );
    }
  }
  console.log(lines.join("\n"));
}

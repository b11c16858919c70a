/**
 * `npm run lint`, after dependency-cruiser's rules: fails when folders of lib/ import each other in a
 * loop, even through files that are in no loop themselves (see scripts/lib/folder-cycles.ts).
 * Reads `depcruise lib --output-type json` on stdin.
 */
import { text } from "node:stream/consumers";
import { folderCycles, type Module } from "./lib/folder-cycles";

const { modules } = JSON.parse(await text(process.stdin)) as { modules: Module[] };
const loops = folderCycles(modules);
if (loops.length === 0) {
  console.log("✔ no folders of lib/ import each other in a loop");
} else {
  console.error("✘ folders of lib/ that import each other in a loop (layers go one way: .dependency-cruiser.cjs):");
  for (const loop of loops) console.error(`  ${loop.join(" → ")}`);
  process.exitCode = 1;
}

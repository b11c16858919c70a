/**
 * Loops between the folders of lib/, each file counted as its folder there (lib/tools/mcp/pool.ts is
 * lib/tools; a file directly in lib/, such as lib/health.ts, is its own). dependency-cruiser finds
 * loops between files; two folders can import each other through files that are in none.
 */

/** A module of `depcruise --output-type json`, as far as this reads it. */
export type Module = { source: string; dependencies: { resolved: string }[] };

/** The folder of lib/ a file counts as, or undefined outside lib/. */
export function folderOf(file: string) {
  const name = /^lib\/([^/]+?)(?:\.[cm]?[jt]sx?)?(?:\/|$)/.exec(file)?.[1];
  return name === undefined ? undefined : `lib/${name}`;
}

function folderImports(modules: Module[]) {
  const imports = new Map<string, Set<string>>();
  for (const { source, dependencies } of modules) {
    const from = folderOf(source);
    if (!from) continue;
    for (const { resolved } of dependencies) {
      const to = folderOf(resolved);
      if (!to || to === from) continue;
      if (!imports.has(from)) imports.set(from, new Set());
      imports.get(from)!.add(to);
    }
  }
  return imports;
}

/** The shortest way from `start` back to itself, breadth first: [start, …, start], or undefined. */
function loopFrom(start: string, imports: Map<string, Set<string>>) {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (const at of queue) {
    for (const next of imports.get(at) ?? []) {
      if (next === start) {
        const way = [at];
        while (way[0] !== start) way.unshift(cameFrom.get(way[0]!)!);
        return [...way, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, at);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** Each loop of folders once, as the folders it goes through from its first by name back to it. */
export function folderCycles(modules: Module[]) {
  const imports = folderImports(modules);
  const loops = new Map<string, string[]>();
  for (const folder of [...imports.keys()].sort()) {
    const loop = loopFrom(folder, imports);
    if (!loop) continue;
    const ring = loop.slice(0, -1);
    const first = ring.indexOf([...ring].sort()[0]!);
    const rotated = [...ring.slice(first), ...ring.slice(0, first), ring[first]!];
    loops.set(rotated.join(" → "), rotated);
  }
  return [...loops.values()];
}

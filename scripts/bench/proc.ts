import { readdirSync, readFileSync } from "node:fs";

/** `/proc/<pid>/stat` after the command name (which may hold spaces): state, ppid, …, utime, stime at 11 and 12. */
function statFields(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** `pid` and all its descendants, now: a server's figures include the workers it spawns. */
export function processTree(pid: number) {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(statFields(Number(entry))[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // it exited meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** Summed resident set (KB) and CPU time (user + system, in clock ticks of 10 ms) of `pids`. */
export function sampleProcesses(pids: number[]) {
  let rssKb = 0;
  let cpuTicks = 0;
  for (const pid of pids) {
    try {
      rssKb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
      const fields = statFields(pid);
      cpuTicks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // it exited meanwhile
    }
  }
  return { rssKb, cpuTicks };
}

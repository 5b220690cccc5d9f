// Where a benchmark's CPU went, from Linux's /proc: per process (tree), per command name, and the whole machine,
// including the time the hypervisor gave to other guests (steal). The same configuration measured on a busy host
// can be several times slower; steal and `other` say whether a run's figures are worth comparing.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** The fields of /proc/<pid>/stat after the command name (state is [0], ppid [1], utime [11] …). */
function statOf(pid: number | string): { name: string; fields: string[] } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return {
      name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      fields: stat.slice(stat.lastIndexOf(')') + 2).split(' '),
    };
  } catch {
    return null; // gone
  }
}

function secondsOf(fields: string[], children: boolean): number {
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i] ?? 0));
  return ((utime ?? 0) + (stime ?? 0) + (children ? (cutime ?? 0) + (cstime ?? 0) : 0)) / CLK_TCK;
}

function processes() {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      const stat = statOf(entry);
      return stat ? [{ pid: Number(entry), ...stat }] : [];
    });
}

/** CPU seconds a process has used (and, with `children`, its waited-for children). */
export function cpuOf(pid: number, children = false): number {
  const stat = statOf(pid);
  return stat ? secondsOf(stat.fields, children) : 0;
}

/** CPU seconds of a process and every live descendant (the API's primary and the copies it forked). */
export function cpuOfTree(root: number): number {
  const all = processes();
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!tree.has(p.pid) && tree.has(Number(p.fields[1]))) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  return all.filter((p) => tree.has(p.pid)).reduce((sum, p) => sum + secondsOf(p.fields, true), 0);
}

/** CPU seconds of every process with this command name (PostgreSQL's backends, Redis). */
export function cpuByName(name: string): number {
  return processes()
    .filter((p) => p.name === name)
    .reduce((sum, p) => sum + secondsOf(p.fields, true), 0);
}

/** The whole machine, all cores, in CPU seconds: busy (steal excluded) and stolen by the hypervisor. */
export function machineCpu(): { busy: number; steal: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks.map((t) => t ?? 0);
  return {
    busy: ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0)) / CLK_TCK,
    steal: (steal ?? 0) / CLK_TCK,
  };
}

/** The change of each figure between two snapshots, to 0.1 s. */
export function cpuDelta<K extends string>(before: Record<K, number>, after: Record<K, number>): Record<K, number> {
  return Object.fromEntries(
    Object.entries(after).map(([k, v]) => [k, Number(((v as number) - before[k as K]).toFixed(1))]),
  ) as Record<K, number>;
}

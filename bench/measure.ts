// Small measuring tools for the bench: latencies, percentiles, a child's memory and CPU from /proc.
import { readFileSync } from 'node:fs';

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export class Latencies {
  readonly samples: number[] = [];
  async time<T>(call: () => Promise<T>): Promise<T> {
    const began = performance.now();
    const result = await call();
    this.samples.push(performance.now() - began);
    return result;
  }
  p(n: number): number {
    return percentile(this.samples, n);
  }
}

/** Resident memory of a process, in MB. */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line!.split(/\s+/)[1]) / 1024;
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until a process uses under `share` of a core for a whole second (its backlog done), or gives up after `limitMs`. */
export async function waitIdle(pid: number, limitMs = 120_000, share = Number(process.env.BENCH_IDLE_SHARE ?? 0.05)): Promise<boolean> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    const before = cpuSeconds(pid);
    await sleep(1000);
    if (cpuSeconds(pid) - before < share) return true;
  }
  return false;
}

/** The load of the machine: 1-minute load average and the share of both cores busy over `ms`. */
export async function machineLoad(ms = 2000): Promise<{ loadAvg1: number; busyPct: number }> {
  const read = () => readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  const a = read();
  await sleep(ms);
  const b = read();
  const delta = b.map((v, i) => v - a[i]);
  const total = delta.reduce((s, v) => s + v, 0);
  const idle = delta[3] + delta[4];
  return { loadAvg1: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]), busyPct: Math.round((100 * (total - idle)) / total) };
}

/** Runs `work(i)` for i in [0, count) on `concurrency` callers at once. */
export async function onCallers(count: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

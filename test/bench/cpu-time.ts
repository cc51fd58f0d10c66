/**
 * CPU time of processes from /proc (Linux; 0 elsewhere), so a figure can be given per request as well
 * as per second: CPU per request barely moves when other work shares the machine, throughput does.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function stat(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** User + system CPU milliseconds of a process. */
export function cpuMs(pid: number): number {
  const fields = stat(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) * TICK_MS : 0;
}

/**
 * CPU milliseconds of a process and its children (a PostgreSQL server and its backends), including
 * children that exited meanwhile (parallel query workers, autovacuum).
 */
export function treeCpuMs(pid: number): number {
  const own = stat(pid);
  if (!own) return 0;
  let total = (Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])) * TICK_MS;
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = stat(Number(entry));
    if (fields && Number(fields[1]) === pid) total += cpuMs(Number(entry));
  }
  return total;
}

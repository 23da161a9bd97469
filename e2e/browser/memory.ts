/**
 * Peak resident memory of everything this test started: each child process of ours (code-server,
 * Chromium) leads its own process group, and every process in those groups is counted. From /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';

const PAGE_BYTES = 4096;

interface Proc {
  ppid: number;
  pgrp: number;
  rssBytes: number;
}

function processes(): Proc[] {
  const all: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The fields after the command name (which may hold spaces): state, ppid, pgrp, ...
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      const pages = Number(readFileSync(`/proc/${entry}/statm`, 'utf8').split(' ')[1]);
      all.push({ ppid: Number(fields[1]), pgrp: Number(fields[2]), rssBytes: pages * PAGE_BYTES });
    } catch {
      // The process ended while we looked.
    }
  }
  return all;
}

/** The memory of the process groups led by our children, in bytes. */
function childGroupsRss(): number {
  const all = processes();
  const groups = new Set(all.filter((p) => p.ppid === process.pid).map((p) => p.pgrp));
  groups.delete(process.pid);
  return all.filter((p) => groups.has(p.pgrp)).reduce((sum, p) => sum + p.rssBytes, 0);
}

export class MemorySampler {
  private timer: NodeJS.Timeout | undefined;
  peakBytes = 0;

  start(intervalMs = 500): void {
    this.timer = setInterval(() => {
      this.peakBytes = Math.max(this.peakBytes, childGroupsRss());
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

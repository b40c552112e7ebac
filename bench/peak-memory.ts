import { readFileSync } from 'node:fs';

/**
 * This process's peak resident memory in KiB, from VmHWM. Not `resourceUsage().maxRSS`:
 * Linux carries ru_maxrss across fork and exec, so a child of a big parent reports the
 * parent's peak instead of its own.
 */
export function peakRssKb(): number {
  const match = /^VmHWM:\s+(?<kb>\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(match?.groups?.['kb'] ?? Number.NaN);
}

import { parseIp } from './ip-address.js';
import type { Network } from './ip-network.js';

/**
 * A set of addresses and networks, asked about once per source IP of every event. Single
 * addresses (most of a blocklist) are kept in hash sets; networks are merged into disjoint
 * ranges sorted by start and found by binary search.
 */
interface Parts {
  v4Hosts: ReadonlySet<number>;
  v6Hosts: ReadonlySet<bigint>;
  v4Starts: Float64Array;
  v4Ends: Float64Array;
  v6Starts: readonly bigint[];
  v6Ends: readonly bigint[];
  /** Entries given, before merging. */
  size: number;
}

export class IpSet {
  readonly size: number;
  private readonly v4Hosts: ReadonlySet<number>;
  private readonly v6Hosts: ReadonlySet<bigint>;
  private readonly v4Starts: Float64Array;
  private readonly v4Ends: Float64Array;
  private readonly v6Starts: readonly bigint[];
  private readonly v6Ends: readonly bigint[];

  private constructor(parts: Parts) {
    this.size = parts.size;
    this.v4Hosts = parts.v4Hosts;
    this.v6Hosts = parts.v6Hosts;
    this.v4Starts = parts.v4Starts;
    this.v4Ends = parts.v4Ends;
    this.v6Starts = parts.v6Starts;
    this.v6Ends = parts.v6Ends;
  }

  static build(networks: Iterable<Network>): IpSet {
    const v4Hosts = new Set<number>();
    const v6Hosts = new Set<bigint>();
    const v4Ranges: [number, number][] = [];
    const v6Ranges: [bigint, bigint][] = [];
    let size = 0;
    for (const network of networks) {
      size += 1;
      if (network.family === 4) {
        if (network.start === network.end) {
          v4Hosts.add(network.start);
        } else {
          v4Ranges.push([network.start, network.end]);
        }
      } else if (network.start === network.end) {
        v6Hosts.add(network.start);
      } else {
        v6Ranges.push([network.start, network.end]);
      }
    }
    const v4 = merge(v4Ranges);
    const v6 = merge(v6Ranges);
    return new IpSet({
      v4Hosts,
      v6Hosts,
      v4Starts: Float64Array.from(v4.map(([start]) => start)),
      v4Ends: Float64Array.from(v4.map(([, end]) => end)),
      v6Starts: v6.map(([start]) => start),
      v6Ends: v6.map(([, end]) => end),
      size,
    });
  }

  /** Whether the address is in the set; anything that is not an address is not. */
  has(ip: string): boolean {
    const value = parseIp(ip);
    if (value === undefined) {
      return false;
    }
    if (typeof value === 'number') {
      return this.v4Hosts.has(value) || within(this.v4Starts, this.v4Ends, value);
    }
    return this.v6Hosts.has(value) || within(this.v6Starts, this.v6Ends, value);
  }
}

interface Sorted<T> {
  readonly length: number;
  readonly [index: number]: T;
}

/** The last range starting at or before `value`, and whether it reaches it. */
function within<T extends number | bigint>(starts: Sorted<T>, ends: Sorted<T>, value: T): boolean {
  let low = 0;
  let high = starts.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if ((starts[middle] as T) <= value) {
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return high >= 0 && (ends[high] as T) >= value;
}

/** Overlapping ranges become one, so the binary search has one candidate. */
function merge<T extends number | bigint>(ranges: [T, T][]): [T, T][] {
  ranges.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const merged: [T, T][] = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) {
      if (end > last[1]) {
        last[1] = end;
      }
    } else {
      merged.push([start, end]);
    }
  }
  return merged;
}

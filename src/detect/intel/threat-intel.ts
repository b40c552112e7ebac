import type { ThreatIntel } from '../rule/types.js';
import { ImageMatcher, parseImageList } from './image-list.js';
import { parseIpList } from './ip-list.js';
import { IpSet } from './ip-set.js';
import { readListSource, type ReadLimits } from './read-source.js';

export interface ThreatIntelOptions {
  /** Files or http(s) URLs of Tor exit addresses. */
  torExits?: string[];
  /** Files or URLs of addresses and CIDRs; each match names its list (`custom:drop.txt`). */
  maliciousIps?: string[];
  /** Files or URLs of image repositories, globs allowed. */
  minerImages?: string[];
  fetchTimeoutMs?: number;
  /** Per list; the default is 32 MiB. */
  maxListBytes?: number;
}

export interface LoadedList {
  kind: 'tor-exits' | 'malicious-ips' | 'miner-images';
  /** What matches report: `tor-exits`, `custom:drop.txt`, `miners.txt`. */
  name: string;
  /** The path, or the URL without credentials or query. */
  source: string;
  entries: number;
}

export interface LoadedThreatIntel extends ThreatIntel {
  /** What was loaded, for a startup line: which lists, how many entries each. */
  readonly lists: readonly LoadedList[];
}

export const defaultMaxListBytes = 32 * 1024 * 1024;
export const defaultFetchTimeoutMs = 30_000;

/**
 * Loads the lists the user named; nothing is compiled in, so without lists nothing matches.
 * A list that cannot be read or has a line that is not an entry fails the whole load: a
 * detection that silently lost its list would be worse than one that does not start.
 */
export async function loadThreatIntel(
  options: ThreatIntelOptions = {}
): Promise<LoadedThreatIntel> {
  const limits: ReadLimits = {
    timeoutMs: options.fetchTimeoutMs ?? defaultFetchTimeoutMs,
    maxBytes: options.maxListBytes ?? defaultMaxListBytes,
  };
  const [tor, malicious, miners] = await Promise.all([
    Promise.all((options.torExits ?? []).map((source) => loadIps(source, limits))),
    Promise.all((options.maliciousIps ?? []).map((source) => loadIps(source, limits))),
    Promise.all((options.minerImages ?? []).map((source) => loadImages(source, limits))),
  ]);

  const torSet = IpSet.build(tor.flatMap((list) => list.networks));
  const maliciousSets = malicious.map((list) => ({
    name: `custom:${list.name}`,
    set: IpSet.build(list.networks),
  }));
  const imageMatcher = new ImageMatcher(miners.flatMap((list) => list.patterns));

  const lists: LoadedList[] = [
    ...tor.map((list) => ({
      kind: 'tor-exits' as const,
      name: 'tor-exits',
      source: list.origin,
      entries: list.networks.length,
    })),
    ...malicious.map((list, index) => ({
      kind: 'malicious-ips' as const,
      name: maliciousSets[index]?.name ?? '',
      source: list.origin,
      entries: list.networks.length,
    })),
    ...miners.map((list) => ({
      kind: 'miner-images' as const,
      name: list.name,
      source: list.origin,
      entries: list.patterns.length,
    })),
  ];

  return {
    lists,
    torExit: (ip) => (torSet.size > 0 && torSet.has(ip) ? 'tor-exits' : undefined),
    maliciousIp: (ip) => maliciousSets.find((list) => list.set.has(ip))?.name,
    minerImage: (image) => imageMatcher.match(image),
  };
}

async function loadIps(source: string, limits: ReadLimits) {
  const list = await readListSource(source, limits);
  return { ...list, networks: parseIpList(list.text, list.origin) };
}

async function loadImages(source: string, limits: ReadLimits) {
  const list = await readListSource(source, limits);
  return { ...list, patterns: parseImageList(list.text, list.origin) };
}

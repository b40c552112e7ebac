import { mappedEnd, mappedPrefix, parseIpv4, parseIpv6 } from './ip-address.js';

/** A range of addresses, both ends included. */
export type Network =
  { family: 4; start: number; end: number } | { family: 6; start: bigint; end: bigint };

const prefixDigits = /^[0-9]{1,3}$/;

/**
 * `1.2.3.4`, `10.0.0.0/8`, `2001:db8::/32`. Host bits beyond the prefix are allowed
 * (`10.1.2.3/8` is `10.0.0.0/8`): lists write networks that way and the meaning is plain.
 * An IPv6 network that covers IPv4-mapped addresses also yields that part as IPv4, since
 * lookups turn `::ffff:1.2.3.4` into `1.2.3.4`.
 *
 * The networks, or why the text is not one.
 */
export function parseNetwork(text: string): Network[] | string {
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const prefixText = slash === -1 ? undefined : text.slice(slash + 1);
  if (prefixText !== undefined && !prefixDigits.test(prefixText)) {
    return 'the prefix after / is not a number';
  }
  const prefix = prefixText === undefined ? undefined : Number(prefixText);
  if (!address.includes(':')) {
    const value = parseIpv4(address);
    if (value === undefined) {
      return 'not an IP address or CIDR';
    }
    return v4Network(value, prefix ?? 32) ?? `prefix /${prefix ?? ''} is longer than 32`;
  }
  const value = parseIpv6(address);
  if (value === undefined) {
    return 'not an IP address or CIDR';
  }
  const bits = prefix ?? 128;
  if (bits > 128) {
    return `prefix /${bits} is longer than 128`;
  }
  const size = 1n << BigInt(128 - bits);
  const start = value - (value % size);
  const end = start + size - 1n;
  if (end < mappedPrefix || start > mappedEnd) {
    return [{ family: 6, start, end }];
  }
  const mapped: Network = {
    family: 4,
    start: Number((start > mappedPrefix ? start : mappedPrefix) - mappedPrefix),
    end: Number((end < mappedEnd ? end : mappedEnd) - mappedPrefix),
  };
  // Only the part beyond the mapped block stays IPv6; a network inside it is IPv4 alone.
  return start >= mappedPrefix && end <= mappedEnd ? [mapped] : [mapped, { family: 6, start, end }];
}

function v4Network(value: number, bits: number): Network[] | undefined {
  if (bits > 32) {
    return undefined;
  }
  const size = 2 ** (32 - bits);
  const start = value - (value % size);
  return [{ family: 4, start, end: start + size - 1 }];
}

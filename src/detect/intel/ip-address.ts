/**
 * IP addresses as numbers: an IPv4 address is a `number` (0 to 2^32-1), an IPv6 address a
 * `bigint`, so a lookup allocates nothing and `typeof` tells the family apart. Hand-written
 * parsers, because they run for every source IP of every event and must refuse the forms that
 * other parsers accept loosely (`010.1.1.1`, octal or not, names one host to one reader and
 * another host to the next).
 */

/** `::ffff:0:0/96`: IPv4 addresses written as IPv6. */
export const mappedPrefix = 0xffffn << 32n;
export const mappedEnd = mappedPrefix + 0xffffffffn;

export function parseIpv4(text: string): number | undefined {
  const length = text.length;
  if (length < 7 || length > 15) {
    return undefined;
  }
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let index = 0; index <= length; index += 1) {
    const code = index < length ? text.charCodeAt(index) : 46;
    if (code === 46) {
      if (digits === 0) {
        return undefined;
      }
      value = value * 256 + octet;
      dots += 1;
      octet = 0;
      digits = 0;
      continue;
    }
    if (code < 48 || code > 57 || (digits === 1 && octet === 0)) {
      return undefined;
    }
    octet = octet * 10 + (code - 48);
    digits += 1;
    if (octet > 255) {
      return undefined;
    }
  }
  return dots === 4 ? value : undefined;
}

const hexGroup = /^[0-9a-fA-F]{1,4}$/;

function groupsOf(part: string, last: boolean): number[] | undefined {
  if (part === '') {
    return [];
  }
  const groups: number[] = [];
  const pieces = part.split(':');
  for (let index = 0; index < pieces.length; index += 1) {
    const piece = pieces[index] ?? '';
    if (last && index === pieces.length - 1 && piece.includes('.')) {
      const v4 = parseIpv4(piece);
      if (v4 === undefined) {
        return undefined;
      }
      groups.push(Math.floor(v4 / 65536), v4 % 65536);
    } else if (hexGroup.test(piece)) {
      groups.push(parseInt(piece, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

/** The 128-bit value of an IPv6 address (no zone, no brackets), or undefined. */
export function parseIpv6(text: string): bigint | undefined {
  if (text.length < 2 || text.length > 45) {
    return undefined;
  }
  const gap = text.indexOf('::');
  let groups: number[];
  if (gap === -1) {
    const all = groupsOf(text, true);
    if (all?.length !== 8) {
      return undefined;
    }
    groups = all;
  } else {
    if (text.indexOf('::', gap + 1) !== -1) {
      return undefined;
    }
    const tail = text.slice(gap + 2);
    const left = groupsOf(text.slice(0, gap), false);
    const right = groupsOf(tail, true);
    if (left === undefined || right === undefined || left.length + right.length > 7) {
      return undefined;
    }
    groups = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  }
  let high = 0n;
  for (let index = 0; index < 8; index += 2) {
    high = (high << 32n) | BigInt((groups[index] ?? 0) * 65536 + (groups[index + 1] ?? 0));
  }
  return high;
}

/**
 * An address of either family; an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) is the IPv4
 * address, since that is what the client was. A zone (`fe80::1%eth0`) is dropped.
 */
export function parseIp(text: string): number | bigint | undefined {
  if (!text.includes(':')) {
    return parseIpv4(text);
  }
  const zone = text.indexOf('%');
  const value = parseIpv6(zone === -1 ? text : text.slice(0, zone));
  if (value !== undefined && value >= mappedPrefix && value <= mappedEnd) {
    return Number(value - mappedPrefix);
  }
  return value;
}

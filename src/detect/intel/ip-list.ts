import { InputError } from '../../core/errors.js';
import { parseNetwork, type Network } from './ip-network.js';

/** Lines of Tor's `exit-addresses` document that carry no address. */
const exitDocumentKeywords = new Set(['ExitNode', 'Published', 'LastStatus']);
const whitespace = /\s+/;

/**
 * The networks of an IP list: one address or CIDR per line, `#` and `;` starting comments.
 * That reads Tor's bulk exit list, FireHOL `.netset` files, Spamhaus DROP (`1.2.3.0/24 ; SBL1`)
 * and, by its `ExitAddress <ip> <date>` lines, Tor's `exit-addresses` document.
 *
 * A line that is none of these is an error naming `origin:line`: a list read wrongly would
 * silently match nothing.
 */
export function parseIpList(text: string, origin: string): Network[] {
  const networks: Network[] = [];
  let lineNumber = 0;
  for (const raw of text.split('\n')) {
    lineNumber += 1;
    const line = withoutComment(raw).trim();
    if (line === '') {
      continue;
    }
    const words = line.split(whitespace);
    const first = words[0] ?? '';
    if (exitDocumentKeywords.has(first)) {
      continue;
    }
    let entry = first;
    if (first === 'ExitAddress') {
      entry = words[1] ?? '';
    } else if (words.length > 1) {
      throw new InputError(
        `${origin}:${lineNumber}: one address or CIDR per line, got ${quote(line)}`
      );
    }
    const parsed = parseNetwork(entry);
    if (typeof parsed === 'string') {
      throw new InputError(`${origin}:${lineNumber}: ${quote(entry)}: ${parsed}`);
    }
    networks.push(...parsed);
  }
  return networks;
}

function withoutComment(line: string): string {
  const hash = line.indexOf('#');
  const semicolon = line.indexOf(';');
  const cut = hash === -1 ? semicolon : semicolon === -1 ? hash : Math.min(hash, semicolon);
  return cut === -1 ? line : line.slice(0, cut);
}

/** Enough of a bad line to find it, not a whole line of whatever the file holds. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

import { createHash } from 'node:crypto';

// Palisade's own namespace for name-based UUIDs; a fixed random value, never to be changed,
// or every document identifier derived from it changes with it.
const namespace = Buffer.from('6f1c2a0e9b7d4c58a3e2d1f0c4b5a697', 'hex');

/**
 * A name-based (version 5, RFC 4122) UUID for `name`. SBOM serial numbers and namespaces
 * come from the document's own content and time rather than from a random source: one scan
 * rendered twice is one document, two scans (different `createdAt`) are two.
 */
export function nameBasedUuid(name: string): string {
  const bytes = createHash('sha1').update(namespace).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join('-');
}

import { peakRssKb } from './peak-memory.js';
import { createGunzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar-stream';
import { request } from 'undici';

/**
 * The floor a scan cannot beat: download the same layer blobs over HTTP, gunzip them and
 * walk every tar entry, doing nothing else. Usage: floor.js HOST REPOSITORY DIGEST…
 * Prints one JSON line: {"ms": …, "maxRssKb": …, "bytes": …}.
 */
async function walkBlob(host: string, repository: string, digest: string): Promise<number> {
  const response = await request(`http://${host}/v2/${repository}/blobs/${digest}`);
  if (response.statusCode !== 200) {
    throw new Error(`GET blob ${digest}: HTTP ${response.statusCode}`);
  }
  const entries = extract();
  let walked = 0;
  const walking = (async () => {
    for await (const entry of entries) {
      walked += entry.header.size;
      entry.resume();
    }
  })();
  await Promise.all([
    pipeline(response.body, createGunzip({ chunkSize: 256 * 1024 }), entries),
    walking,
  ]);
  return walked;
}

async function main(): Promise<void> {
  const [host, repository, ...digests] = process.argv.slice(2);
  if (!host || !repository || digests.length === 0) {
    throw new Error('usage: floor.js HOST REPOSITORY DIGEST…');
  }
  const started = performance.now();
  // Loaded by now: the timer covers the work only, as scan-once.ts times the command only.
  const sizes = await Promise.all(digests.map((digest) => walkBlob(host, repository, digest)));
  const ms = performance.now() - started;
  process.stdout.write(
    `${JSON.stringify({ ms, maxRssKb: peakRssKb(), bytes: sizes.reduce((a, b) => a + b, 0) })}\n`
  );
}

await main();

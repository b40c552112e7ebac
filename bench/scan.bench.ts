import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { debianFixture } from '../test/harness/debian-image.js';
import { pushOciLayout, startRegistry } from '../test/harness/registry.js';

const exec = promisify(execFile);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 7);

interface Sample {
  /** Work time measured inside the process, after its modules loaded. */
  ms: number;
  /** The whole process, start to exit, as a user waits for it. */
  wallMs: number;
  maxRssKb: number;
}

async function timed(script: string, args: string[]): Promise<Sample> {
  const started = performance.now();
  const { stdout } = await exec(process.execPath, [join(import.meta.dirname, script), ...args], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    ms: number;
    maxRssKb: number;
    code?: number;
  };
  if (report.code !== undefined && report.code !== 0) {
    throw new Error(`${script} exited with ${report.code}`);
  }
  return { ms: report.ms, wallMs, maxRssKb: report.maxRssKb };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Image scan against its floor, in one run: a full `palisade scan image` of a real Debian
 * image from a local registry (no cache), against downloading the same blobs, gunzipping
 * them and walking their tars and nothing else. Both run as fresh processes, alternately.
 */
async function main(): Promise<void> {
  const debian = await debianFixture();
  const registry = await startRegistry({ auth: 'none' });
  const work = mkdtempSync(join(tmpdir(), 'palisade-bench-'));
  try {
    await pushOciLayout(debian.layout, 'bench/debian:bookworm', registry, {
      layoutTag: debian.tag,
    });
    const index = JSON.parse(readFileSync(join(debian.layout, 'index.json'), 'utf8')) as {
      manifests: { digest: string }[];
    };
    const manifestDigest = index.manifests[0]?.digest ?? '';
    const manifest = JSON.parse(
      readFileSync(join(debian.layout, 'blobs', 'sha256', manifestDigest.slice(7)), 'utf8')
    ) as { layers: { digest: string; size: number }[] };
    const digests = manifest.layers.map((layer) => layer.digest);
    const compressed = manifest.layers.reduce((sum, layer) => sum + layer.size, 0);
    const scanArgs = [
      'scan',
      'image',
      `${registry.host}/bench/debian:bookworm`,
      '--insecure',
      '--no-cache',
      '--no-progress',
      '--format',
      'json',
      '--output',
      join(work, 'out.json'),
    ];
    const floor: Sample[] = [];
    const scan: Sample[] = [];
    await timed('floor.js', [registry.host, 'bench/debian', ...digests]);
    await timed('scan-once.js', scanArgs);
    for (let round = 0; round < rounds; round++) {
      floor.push(await timed('floor.js', [registry.host, 'bench/debian', ...digests]));
      scan.push(await timed('scan-once.js', scanArgs));
    }
    const floorMs = median(floor.map((sample) => sample.ms));
    const scanMs = median(scan.map((sample) => sample.ms));
    const packages = (
      JSON.parse(readFileSync(join(work, 'out.json'), 'utf8')) as { packages: unknown[] }
    ).packages.length;
    console.log(
      `image: debian bookworm minbase, ${manifest.layers.length} layer(s), ${(compressed / 1024 / 1024).toFixed(1)} MiB compressed, ${packages} packages`
    );
    const mib = (samples: Sample[]): string =>
      (median(samples.map((sample) => sample.maxRssKb)) / 1024).toFixed(0);
    const wall = (samples: Sample[]): string =>
      median(samples.map((sample) => sample.wallMs)).toFixed(0);
    console.log(`rounds: ${rounds}, medians, fresh processes run alternately`);
    console.log(
      `floor (download + gunzip + tar walk): ${floorMs.toFixed(0)} ms work, ${wall(floor)} ms process, peak RSS ${mib(floor)} MiB`
    );
    console.log(
      `palisade scan image (json, no cache):  ${scanMs.toFixed(0)} ms work, ${wall(scan)} ms process, peak RSS ${mib(scan)} MiB`
    );
    console.log(
      `ratio scan/floor: ${(scanMs / floorMs).toFixed(2)}x work time (target: at most 1.30x); ${(Number(wall(scan)) / Number(wall(floor))).toFixed(2)}x whole process`
    );
  } finally {
    await registry.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();

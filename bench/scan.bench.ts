import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { debianFixture } from '../test/harness/debian-image.js';
import { LayoutWriter } from '../test/harness/oci-builder.js';
import { zipOf } from '../test/harness/zip-writer.js';
import { treeEntries } from '../test/harness/tree-entries.js';
import { reactScriptsTree } from './real-node-modules.js';
import { pushOciLayout, startRegistry, type TestRegistry } from '../test/harness/registry.js';

const exec = promisify(execFile);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 7);

interface Sample {
  /** Work time measured inside the process, after its modules loaded. */
  ms: number;
  /** The whole process, start to exit, as a user waits for it. */
  wallMs: number;
  maxRssKb: number;
  /** Bytes in tar entries, as the floor counts them. */
  bytes: number;
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
    bytes?: number;
    code?: number;
  };
  if (report.code !== undefined && report.code !== 0) {
    throw new Error(`${script} exited with ${report.code}`);
  }
  return { ms: report.ms, wallMs, maxRssKb: report.maxRssKb, bytes: report.bytes ?? 0 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

interface BenchImage {
  label: string;
  layout: string;
  tag: string;
  repository: string;
}

/** Pushes one image and runs floor and scan alternately in fresh processes; prints the figures. */
async function compare(
  image: BenchImage,
  registry: TestRegistry,
  work: string,
  count: number
): Promise<void> {
  await pushOciLayout(image.layout, `${image.repository}:${image.tag}`, registry);
  const index = JSON.parse(readFileSync(join(image.layout, 'index.json'), 'utf8')) as {
    manifests: { digest: string; annotations?: Record<string, string> }[];
  };
  const entry = index.manifests.find(
    (descriptor) => descriptor.annotations?.['org.opencontainers.image.ref.name'] === image.tag
  );
  const manifest = JSON.parse(
    readFileSync(join(image.layout, 'blobs', 'sha256', (entry?.digest ?? '').slice(7)), 'utf8')
  ) as { layers: { digest: string; size: number }[] };
  const digests = manifest.layers.map((layer) => layer.digest);
  const compressed = manifest.layers.reduce((sum, layer) => sum + layer.size, 0);
  const output = join(work, 'out.json');
  const scanArgs = [
    'scan',
    'image',
    `${registry.host}/${image.repository}:${image.tag}`,
    '--insecure',
    '--no-cache',
    '--no-progress',
    '--format',
    'json',
    '--output',
    output,
  ];
  const floorArgs = [registry.host, image.repository, ...digests];
  const floor: Sample[] = [];
  const scan: Sample[] = [];
  // One unmeasured round each, so the page cache holds the blobs for both alike.
  const warmFloor = await timed('floor.js', floorArgs);
  await timed('scan-once.js', scanArgs);
  for (let round = 0; round < count; round++) {
    floor.push(await timed('floor.js', floorArgs));
    scan.push(await timed('scan-once.js', scanArgs));
  }
  const floorMs = median(floor.map((sample) => sample.ms));
  const scanMs = median(scan.map((sample) => sample.ms));
  const packages = (JSON.parse(readFileSync(output, 'utf8')) as { packages: unknown[] }).packages
    .length;
  const mib = (samples: Sample[]): string =>
    (median(samples.map((sample) => sample.maxRssKb)) / 1024).toFixed(0);
  const wall = (samples: Sample[]): number => median(samples.map((sample) => sample.wallMs));
  console.log(
    `\n${image.label}: ${manifest.layers.length} layer(s), ${(compressed / 1024 / 1024).toFixed(1)} MiB compressed, ${(warmFloor.bytes / 1024 / 1024).toFixed(0)} MiB in tar entries, ${packages} packages`
  );
  console.log(`  rounds: ${count}, medians, fresh processes run alternately`);
  console.log(
    `  floor (download + gunzip + tar walk): ${floorMs.toFixed(0)} ms work, ${wall(floor).toFixed(0)} ms process, peak RSS ${mib(floor)} MiB`
  );
  console.log(
    `  palisade scan image (json, no cache):  ${scanMs.toFixed(0)} ms work, ${wall(scan).toFixed(0)} ms process, peak RSS ${mib(scan)} MiB`
  );
  console.log(
    `  ratio scan/floor: ${(scanMs / floorMs).toFixed(2)}x work time (target: at most 1.30x); ${(wall(scan) / wall(floor)).toFixed(2)}x whole process`
  );
}

/**
 * A generated image of about 1 GiB uncompressed: four layers of 256 MiB of files, so peak
 * memory can be seen not to grow with the image. The content repeats, so the blobs are small
 * and the work is decompressing and walking, not downloading.
 */
async function largeImage(work: string, debianStatus: string): Promise<BenchImage> {
  const writer = new LayoutWriter(join(work, 'large'));
  const block = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < block.length; i++) {
    block[i] = (i * 7 + (i >> 10)) & 0xff;
  }
  const layers = Array.from({ length: 4 }, (_, layer) => ({
    entries: [
      ...(layer === 0 ? [{ name: 'var/lib/dpkg/status', content: debianStatus }] : []),
      ...Array.from({ length: 256 }, (_, file) => ({
        name: `data/${layer}/blob-${file}.bin`,
        content: block,
      })),
    ],
  }));
  await writer.tag('large', { layers });
  return {
    label: 'generated image, 1 GiB uncompressed',
    layout: writer.dir,
    tag: 'large',
    repository: 'bench/large',
  };
}

/** Bytes that look like source code and compress as it does, varied by `seed`. */
function sourceText(seed: number, size: number): string {
  const words = ['const', 'return', 'function', 'value', 'module', 'exports', 'if', 'else'];
  let text = '';
  for (let i = 0; text.length < size; i++) {
    text += `${words[(i * 7 + seed) % words.length] ?? ''}_${(i * 31 + seed) % 997} `;
    if (i % 12 === 11) {
      text += '\n';
    }
  }
  return text.slice(0, size);
}

/**
 * An app image with a large `node_modules`: 6,000 packages (a fifth of them scoped, a tenth
 * nested one level deeper, as npm leaves conflicting versions), each with its package.json, an
 * entry point, a library file and a README, and the app's package-lock.json beside them.
 * Small on purpose: 14 KiB a package is far less than real trees carry (react-scripts averages
 * 270 KiB), so this is the worst case for per-package costs against the floor.
 */
async function nodeModulesImage(work: string): Promise<BenchImage> {
  const writer = new LayoutWriter(join(work, 'node'));
  const entries = [];
  const locked: Record<string, { version: string; license: string }> = {};
  for (let i = 0; i < 6000; i++) {
    const name = i % 5 === 0 ? `@scope${i % 40}/pkg-${i}` : `pkg-${i}`;
    const dir =
      i % 10 === 3 ? `node_modules/pkg-${i - 1}/node_modules/${name}` : `node_modules/${name}`;
    const version = `${i % 9}.${i % 13}.${i % 7}`;
    locked[dir] = { version, license: 'MIT' };
    const manifest = {
      name,
      version,
      license: 'MIT',
      main: 'index.js',
      description: sourceText(i, 300),
    };
    entries.push(
      { name: `app/${dir}/package.json`, content: JSON.stringify(manifest, null, 2) },
      { name: `app/${dir}/index.js`, content: sourceText(i + 1, 8 * 1024) },
      { name: `app/${dir}/lib/util.js`, content: sourceText(i + 2, 4 * 1024) },
      { name: `app/${dir}/README.md`, content: sourceText(i + 3, 2 * 1024) }
    );
  }
  const lock = {
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 3,
    packages: { '': { name: 'app' }, ...locked },
  };
  entries.push({ name: 'app/package-lock.json', content: JSON.stringify(lock, null, 2) });
  await writer.tag('node', { layers: [{ entries }] });
  return {
    label: 'generated app image, node_modules with 6,000 packages',
    layout: writer.dir,
    tag: 'node',
    repository: 'bench/node',
  };
}

/** A real application's node_modules (react-scripts from the registry) and its lock file. */
async function realNodeImage(work: string): Promise<BenchImage> {
  const writer = new LayoutWriter(join(work, 'react'));
  const tree = await reactScriptsTree();
  await writer.tag('react', { layers: [{ entries: treeEntries(tree, '', 'app') }] });
  return {
    label: 'app image, real node_modules of react-scripts 5.0.1 installed by npm',
    layout: writer.dir,
    tag: 'react',
    repository: 'bench/react',
  };
}

/**
 * A Spring Boot style fat jar: 300 libraries stored (not deflated) under BOOT-INF/lib, each a
 * jar of 60 deflated classes with its pom.properties and manifest, about 100 MiB in all.
 */
async function fatJarImage(work: string): Promise<BenchImage> {
  const writer = new LayoutWriter(join(work, 'jar'));
  const libraries = Array.from({ length: 300 }, (_, i) => {
    const artifact = `lib-${i}`;
    const version = `${1 + (i % 5)}.${i % 11}.0`;
    const classes = Array.from({ length: 60 }, (_, c) => ({
      name: `org/example/lib${i}/Class${c}.class`,
      content: Buffer.from(sourceText(i * 100 + c, 12 * 1024)),
    }));
    const jar = zipOf([
      {
        name: 'META-INF/MANIFEST.MF',
        content: `Manifest-Version: 1.0\r\nImplementation-Title: ${artifact}\r\nImplementation-Version: ${version}\r\n\r\n`,
      },
      {
        name: `META-INF/maven/org.example/${artifact}/pom.properties`,
        content: `groupId=org.example\nartifactId=${artifact}\nversion=${version}\n`,
      },
      ...classes,
    ]);
    return {
      name: `BOOT-INF/lib/${artifact}-${version}.jar`,
      content: jar,
      method: 'store' as const,
    };
  });
  const fat = zipOf([
    {
      name: 'META-INF/MANIFEST.MF',
      content:
        'Manifest-Version: 1.0\r\nMain-Class: org.springframework.boot.loader.JarLauncher\r\n\r\n',
    },
    {
      name: 'META-INF/maven/com.example/app/pom.properties',
      content: 'groupId=com.example\nartifactId=app\nversion=1.0.0\n',
    },
    ...libraries,
  ]);
  await writer.tag('jar', { layers: [{ entries: [{ name: 'app/app.jar', content: fat }] }] });
  return {
    label: `generated app image, fat jar of ${(fat.length / 1024 / 1024).toFixed(0)} MiB with 300 nested jars`,
    layout: writer.dir,
    tag: 'jar',
    repository: 'bench/jar',
  };
}

/**
 * Image scan against its floor, in one run: a full `palisade scan image` from a local
 * registry (no cache), against downloading the same blobs, gunzipping them and walking their
 * tars and nothing else. First a real Debian image, then a generated 1 GiB one, then the
 * language cases: a large node_modules and a fat jar. `BENCH_ONLY=language` runs only those.
 */
async function main(): Promise<void> {
  const debian = await debianFixture();
  const registry = await startRegistry({ auth: 'none' });
  const work = mkdtempSync(join(tmpdir(), 'palisade-bench-'));
  const only = process.env['BENCH_ONLY'];
  try {
    if (only === 'language') {
      await compare(await realNodeImage(work), registry, work, rounds);
      await compare(await nodeModulesImage(work), registry, work, rounds);
      await compare(await fatJarImage(work), registry, work, rounds);
      return;
    }
    await compare(
      {
        label: 'debian bookworm minbase (debootstrap)',
        layout: debian.layout,
        tag: debian.tag,
        repository: 'bench/debian',
      },
      registry,
      work,
      rounds
    );
    const status = readFileSync(join(debian.rootfs, 'var/lib/dpkg/status'), 'utf8');
    await compare(
      await largeImage(work, status),
      registry,
      work,
      Math.max(3, Math.ceil(rounds / 3))
    );
    await compare(await realNodeImage(work), registry, work, rounds);
    await compare(await nodeModulesImage(work), registry, work, rounds);
    await compare(await fatJarImage(work), registry, work, rounds);
  } finally {
    await registry.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();

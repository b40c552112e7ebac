import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LayoutWriter } from '../harness/oci-builder.js';

const exec = promisify(execFile);
const root = resolve(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'palisade.js');

interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function palisade(args: string[], env: Record<string, string> = {}): Promise<ProcessResult> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args], {
      env: { PATH: process.env['PATH'] ?? '', HOME: work, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let work: string;
let layout: string;

beforeAll(async () => {
  // The binary runs the compiled code, so compile what is in the tree now.
  await exec('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root });
  work = mkdtempSync(join(tmpdir(), 'palisade-bin-'));
  const writer = new LayoutWriter(join(work, 'layout'));
  await writer.tag('v1', {
    layers: [
      {
        entries: [
          { name: 'etc/alpine-release', content: '3.20.3\n' },
          {
            name: 'lib/apk/db/installed',
            content: 'P:musl\nV:1.2.5-r0\nA:x86_64\nL:MIT\no:musl\n\n',
          },
        ],
      },
    ],
  });
  layout = writer.dir;
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the palisade binary', () => {
  it('prints the table to stdout and exits 0', async () => {
    const result = await palisade([
      'scan',
      'image',
      '--no-vulns',
      `oci:${layout}:v1`,
      '--no-cache',
    ]);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/OS\s+Alpine Linux v3\.20\.3/);
    expect(result.stdout).toMatch(/musl\s+│\s+1\.2\.5-r0/);
  });

  it('writes CycloneDX to stdout with -o -', async () => {
    const result = await palisade([
      'scan',
      'image',
      '--no-vulns',
      `oci:${layout}:v1`,
      '--no-cache',
      '-f',
      'cyclonedx',
      '-o',
      '-',
    ]);

    const bom = JSON.parse(result.stdout) as {
      specVersion: string;
      components: { purl?: string }[];
    };
    expect(bom.specVersion).toBe('1.6');
    expect(bom.components.map((component) => component.purl)).toContain(
      'pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3'
    );
  });

  it('caches layers under XDG_CACHE_HOME by default', async () => {
    const cache = join(work, 'xdg');

    const result = await palisade(
      [
        'scan',
        'image',
        '--no-vulns',
        `oci:${layout}:v1`,
        '-f',
        'json',
        '-o',
        join(work, 'out.json'),
      ],
      {
        XDG_CACHE_HOME: cache,
      }
    );

    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(join(work, 'out.json'), 'utf8'))).toMatchObject({
      schemaVersion: 1,
    });
    const entries = readdirSync(join(cache, 'palisade', 'layers'));
    expect(entries).toHaveLength(1);
    expect(readFileSync(join(cache, 'palisade', 'layers', entries[0] ?? ''), 'utf8')).toContain(
      '"musl"'
    );
  });

  it.each([
    [['--version'], 0, /^\d+\.\d+\.\d+\n$/, ''],
    [['--help'], 0, /Exit codes: 0 ok/, ''],
    [['scan', 'image', '--no-vulns'], 2, /^$/, "error: missing required argument 'image'"],
    [
      ['scan', 'image', '--no-vulns', 'oci:/nonexistent:v1'],
      2,
      /^$/,
      'palisade: oci:/nonexistent is not an OCI image layout',
    ],
    [
      ['--log-level', 'loud', 'scan', 'image', '--no-vulns', 'dir:/tmp'],
      2,
      /^$/,
      '--log-level must be one of',
    ],
    [['frobnicate'], 2, /^$/, "error: unknown command 'frobnicate'"],
  ])('palisade %j exits %i', async (args, code, stdout, stderr) => {
    const result = await palisade(args);

    expect(result.code).toBe(code);
    expect(result.stdout).toMatch(stdout);
    expect(result.stderr).toContain(stderr);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('ignores an unknown LOG_LEVEL rather than failing before it can speak', async () => {
    const result = await palisade(
      ['scan', 'image', '--no-vulns', `oci:${layout}:v1`, '--no-cache', '-f', 'json'],
      { LOG_LEVEL: 'chatty' }
    );

    expect(result.code).toBe(0);
  });
});

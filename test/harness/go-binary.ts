import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { buildOnce } from './fixture-cache.js';
import { run } from './run.js';
import { zipOf } from './zip-writer.js';

/**
 * Test support: real ELF programs made on this machine, for the Go and Rust analyzers.
 *
 * - A Go program built by Debian's Go toolchain, fully offline, against modules served from a
 *   file-based module proxy written here: `example.com/greet` v1.4.2, and `example.com/shout`
 *   v1.0.0 replaced by `example.com/shout-fork` v1.1.0, so the build information carries a
 *   `dep` line, a `=>` line and the `mod` line of a local main module (`(devel)`).
 * - The same program linked with `-s -w` (no symbol table, no DWARF; the build information stays).
 * - A C program built by gcc: an ordinary ELF with no build information.
 * - A stand-in for a cargo-auditable Rust program: a C program with a `.dep-v0` section added by
 *   objcopy, holding the zlib-compressed JSON dependency list `auditableDependencies` below.
 *
 * Built once per machine (`buildOnce`); the truth the tests compare against is what the Go
 * toolchain itself prints (`go version -m`), kept beside the binaries.
 */
export interface ElfFixtures {
  dir: string;
  /** The Go program, as `go build` wrote it. */
  goBinary: string;
  /** Linked with `-ldflags=-s -w`. */
  goStripped: string;
  /** gcc's output: no Go build information, no `.dep-v0`. */
  cBinary: string;
  /** A C program with a `.dep-v0` section, as cargo-auditable embeds one. */
  auditableBinary: string;
  /** `go version` of the toolchain that built the Go program: `go1.19.8`. */
  goVersion: string;
}

/** The module the Go program depends on, at the version the tests expect. */
export const greetModule = { path: 'example.com/greet', version: 'v1.4.2' };
/** Required at v1.0.0 and replaced by `example.com/shout-fork` v1.1.0 in go.mod. */
export const shoutModule = {
  path: 'example.com/shout',
  version: 'v1.0.0',
  replacement: { path: 'example.com/shout-fork', version: 'v1.1.0' },
};

/** The dependency list put in the auditable binary's `.dep-v0` section, in cargo-auditable's shape. */
export const auditableDependencies = {
  packages: [
    { name: 'hello', version: '0.1.0', source: 'local', dependencies: [1, 2, 3, 4], root: true },
    { name: 'serde', version: '1.0.195', source: 'crates.io', dependencies: [] },
    { name: 'regex', version: '1.10.2', source: 'crates.io', kind: 'runtime', dependencies: [] },
    { name: 'cc', version: '1.0.83', source: 'crates.io', kind: 'build', dependencies: [] },
    { name: 'private-helper', version: '0.3.0', source: 'git', dependencies: [] },
  ],
};

/** The Go toolchain, isolated from the machine's settings and from the network. */
function goEnvironment(work: string, proxy: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOME: work,
    GOENV: 'off',
    GOPATH: join(work, 'gopath'),
    GOCACHE: join(work, 'gocache'),
    GOPROXY: `file://${proxy}`,
    GOSUMDB: 'off',
    GONOSUMDB: '*',
    GOFLAGS: '-mod=mod -modcacherw',
    GO111MODULE: 'on',
    GOTOOLCHAIN: 'local',
    CGO_ENABLED: '0',
  };
}

/** One module version in the proxy's layout: `<path>/@v/{list,<v>.info,<v>.mod,<v>.zip}`. */
function publishModule(
  proxy: string,
  path: string,
  version: string,
  goMod: string,
  files: Record<string, string>
): void {
  const dir = join(proxy, path, '@v');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'list'), `${version}\n`);
  writeFileSync(
    join(dir, `${version}.info`),
    JSON.stringify({ Version: version, Time: '2023-05-01T00:00:00Z' })
  );
  writeFileSync(join(dir, `${version}.mod`), goMod);
  const prefix = `${path}@${version}/`;
  writeFileSync(
    join(dir, `${version}.zip`),
    zipOf([
      { name: `${prefix}go.mod`, content: goMod },
      ...Object.entries(files).map(([name, content]) => ({ name: `${prefix}${name}`, content })),
    ])
  );
}

async function buildGo(dir: string): Promise<void> {
  const work = join(dir, 'go-work');
  const proxy = join(work, 'proxy');
  const app = join(work, 'app');
  mkdirSync(app, { recursive: true });
  publishModule(
    proxy,
    greetModule.path,
    greetModule.version,
    'module example.com/greet\n\ngo 1.19\n',
    {
      'greet.go': 'package greet\n\nfunc Hello(name string) string { return "hello, " + name }\n',
    }
  );
  // A fork keeps the module path it replaces in its go.mod, as Go requires of replacements.
  const fork = shoutModule.replacement;
  publishModule(proxy, fork.path, fork.version, 'module example.com/shout\n\ngo 1.19\n', {
    'shout.go':
      'package shout\n\nimport "strings"\n\nfunc Shout(s string) string { return strings.ToUpper(s) + "!" }\n',
  });
  writeFileSync(
    join(app, 'go.mod'),
    [
      'module example.com/app',
      '',
      'go 1.19',
      '',
      `require ${greetModule.path} ${greetModule.version}`,
      `require ${shoutModule.path} ${shoutModule.version}`,
      '',
      `replace ${shoutModule.path} => ${fork.path} ${fork.version}`,
      '',
    ].join('\n')
  );
  writeFileSync(
    join(app, 'main.go'),
    [
      'package main',
      '',
      'import (',
      '\t"fmt"',
      '',
      '\t"example.com/greet"',
      '\t"example.com/shout"',
      ')',
      '',
      'func main() { fmt.Println(shout.Shout(greet.Hello("palisade"))) }',
      '',
    ].join('\n')
  );
  const env = goEnvironment(work, proxy);
  await run('go', ['build', '-trimpath', '-buildvcs=false', '-o', join(dir, 'go-app'), '.'], {
    cwd: app,
    env,
  });
  await run(
    'go',
    [
      'build',
      '-trimpath',
      '-buildvcs=false',
      '-ldflags=-s -w',
      '-o',
      join(dir, 'go-app-stripped'),
      '.',
    ],
    {
      cwd: app,
      env,
    }
  );
  writeFileSync(
    join(dir, 'go-version.txt'),
    (await run('go', ['env', 'GOVERSION'], { env })).trim()
  );
}

async function buildC(dir: string): Promise<void> {
  const source = join(dir, 'hello.c');
  writeFileSync(source, '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n');
  await run('gcc', ['-O1', '-o', join(dir, 'c-app'), source]);
  const depV0 = join(dir, 'dep-v0.bin');
  writeFileSync(depV0, deflateSync(Buffer.from(JSON.stringify(auditableDependencies))));
  await run('objcopy', [
    '--add-section',
    `.dep-v0=${depV0}`,
    '--set-section-flags',
    '.dep-v0=noload,readonly',
    join(dir, 'c-app'),
    join(dir, 'auditable-app'),
  ]);
}

export async function elfFixtures(): Promise<ElfFixtures> {
  const dir = await buildOnce('elf-programs', async (target) => {
    await buildGo(target);
    await buildC(target);
  });
  return {
    dir,
    goBinary: join(dir, 'go-app'),
    goStripped: join(dir, 'go-app-stripped'),
    cBinary: join(dir, 'c-app'),
    auditableBinary: join(dir, 'auditable-app'),
    goVersion: readFileSync(join(dir, 'go-version.txt'), 'utf8').trim(),
  };
}

/** One module line of `go version -m`: `dep`, `mod` or `=>`, with its path and version. */
export interface GoListedModule {
  kind: 'mod' | 'dep' | '=>';
  path: string;
  version: string;
}

/** What the Go toolchain itself reads from a binary's build information. */
export interface GoVersionM {
  goVersion: string;
  modules: GoListedModule[];
}

/** Runs `go version -m` on a binary: the truth the Go analyzer is compared against. */
export async function goVersionM(binary: string): Promise<GoVersionM> {
  const output = await run('go', ['version', '-m', binary], {
    env: { PATH: process.env['PATH'], HOME: '/nonexistent', GOENV: 'off', GOTOOLCHAIN: 'local' },
  });
  const [first = '', ...rest] = output.split('\n');
  // `go version` prints a complaint with exit status 0 for a file it cannot read.
  if (!/: (go|devel )\S*/.test(first)) {
    throw new Error(`go version -m ${binary} listed no build information: ${first}`);
  }
  const modules: GoListedModule[] = [];
  for (const line of rest) {
    const [kind, path = '', version = ''] = line.trim().split('\t');
    if (kind === 'mod' || kind === 'dep' || kind === '=>') {
      modules.push({ kind, path, version });
    }
  }
  // The first line is `<file>: go1.19.8`.
  return { goVersion: first.slice(first.lastIndexOf(': ') + 2).trim(), modules };
}

import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildOnce } from './fixture-cache.js';
import { run } from './run.js';

/**
 * Test support: a real node_modules tree and real lock files, written by npm, pnpm and yarn
 * from the npm registry, each with the tool's own account of what it installed. Built once per
 * machine and cached in `.cache/test-fixtures/`.
 */
export interface NpmTree {
  /** The project: `package.json`, the `package-lock.json` npm wrote (version 3), `node_modules/`. */
  project: string;
  /** Every installed package as `npm ls --all` lists it: `name@version`, sorted, once each. */
  installed: string[];
  /** `npm query '*'`: each installed package's folder, relative to the project → `name@version`. */
  locations: Map<string, string>;
  /** Every regular file of the project (node_modules included), relative to it, sorted. */
  files: string[];
  /** The project's lock file, and the same tree rewritten by npm as lockfile versions 1 and 2. */
  locks: RealLock[];
}

/** A lock file a real package manager wrote for the fixture's manifest, and what it says. */
export interface RealLock {
  /** `npm (lockfile 3)`, `pnpm 9.15.9`, `yarn 1.22.22`… */
  tool: string;
  /** The name the analyzer knows it by: `package-lock.json`, `pnpm-lock.yaml`, `yarn.lock`. */
  name: string;
  file: string;
  /**
   * The tool's own listing of what it installs, `name@version`, sorted: npm and pnpm leave
   * development dependencies out (`--omit=dev`, `--prod`); yarn's lock cannot tell them apart,
   * so its listing is everything.
   */
  expected: string[];
}

const registry = process.env['PALISADE_TEST_NPM_REGISTRY'] ?? 'https://registry.npmjs.org/';

/**
 * Old releases with deep trees: express 4.17.1 nests `debug` and `ms` three levels down,
 * `@babel/*` brings scoped names, tslib and @babel/runtime carry package.json files below
 * their root (`modules/package.json`, `helpers/esm/package.json`) that are not packages, and
 * semver is a development dependency, installed but not production.
 */
const manifest = {
  name: 'palisade-npm-fixture',
  version: '1.0.0',
  private: true,
  dependencies: {
    '@babel/code-frame': '7.22.13',
    '@babel/runtime': '7.23.2',
    debug: '4.3.4',
    express: '4.17.1',
    lodash: '4.17.20',
    minimist: '1.2.5',
    tslib: '2.6.2',
  },
  devDependencies: { semver: '7.5.1' },
};

const npmFlags = ['--ignore-scripts', '--no-audit', '--no-fund', `--registry=${registry}`];

export async function npmTree(): Promise<NpmTree> {
  const dir = await buildOnce('npm-tree', async (target) => {
    const project = projectIn(target, 'project');
    await run('npm', ['install', '--lockfile-version=3', ...npmFlags], { cwd: project });
    const ask = async (args: string[], file: string): Promise<void> => {
      writeFileSync(join(target, file), await run('npm', args, { cwd: project }));
    };
    await ask(['ls', '--all', '--json'], 'npm-ls.json');
    await ask(['ls', '--all', '--json', '--omit=dev'], 'npm-ls-production.json');
    await ask(['query', '*'], 'npm-query.json');
    // npm rewrites the same tree in the older formats when asked.
    for (const version of [1, 2]) {
      const folder = projectIn(target, `lock-v${version}`);
      copyFileSync(join(project, 'package-lock.json'), join(folder, 'package-lock.json'));
      const args = ['install', '--package-lock-only', `--lockfile-version=${version}`];
      await run('npm', [...args, ...npmFlags], { cwd: folder });
    }
  });
  const project = join(dir, 'project');
  const production = flattenTree(readJson(join(dir, 'npm-ls-production.json')));
  return {
    project,
    installed: flattenTree(readJson(join(dir, 'npm-ls.json'))),
    locations: queryLocations(readJson(join(dir, 'npm-query.json'))),
    files: listFiles(project),
    locks: [3, 1, 2].map((version) => ({
      tool: `npm (lockfile ${version})`,
      name: 'package-lock.json',
      file: join(dir, version === 3 ? 'project' : `lock-v${version}`, 'package-lock.json'),
      expected: production,
    })),
  };
}

const pnpmVersions = [
  { version: '7.33.7', lockfile: '5.4' },
  { version: '8.15.9', lockfile: '6.0' },
  { version: '9.15.9', lockfile: '9.0' },
];
const yarnClassic = 'yarn@1.22.22';
const yarnBerry = '@yarnpkg/cli-dist@4.5.3';

/**
 * The fixture's manifest locked by pnpm (lockfile 5.4, 6.0 and 9.0) and by yarn classic and
 * berry, each tool fetched with npx from the registry. Each lists what it resolved: pnpm and
 * yarn classic after a real install, berry from the lock alone (`yarn info --all`).
 */
export async function otherLocks(): Promise<RealLock[]> {
  const dir = await buildOnce('npm-tree-other-locks', async (target) => {
    for (const { version } of pnpmVersions) {
      const folder = projectIn(target, `pnpm-${version}`);
      const pnpm = ['--yes', `pnpm@${version}`];
      const store = `--store-dir=${join(target, 'pnpm-store')}`;
      await run('npx', [...pnpm, 'install', '--ignore-scripts', store, `--registry=${registry}`], {
        cwd: folder,
      });
      const listed = await run('npx', [...pnpm, 'list', '--depth=Infinity', '--prod', '--json'], {
        cwd: folder,
      });
      writeExpected(folder, flattenTree((JSON.parse(listed) as unknown[])[0]));
      rmSync(join(folder, 'node_modules'), { recursive: true, force: true });
    }
    rmSync(join(target, 'pnpm-store'), { recursive: true, force: true });
    await lockWithYarnClassic(projectIn(target, 'yarn-classic'));
    await lockWithYarnBerry(projectIn(target, 'yarn-berry'));
  });
  return [
    ...pnpmVersions.map(({ version, lockfile }) => ({
      tool: `pnpm ${version} (lockfile ${lockfile})`,
      name: 'pnpm-lock.yaml',
      file: join(dir, `pnpm-${version}`, 'pnpm-lock.yaml'),
      expected: readExpected(join(dir, `pnpm-${version}`)),
    })),
    ...['yarn-classic', 'yarn-berry'].map((folder) => ({
      tool: folder === 'yarn-classic' ? yarnClassic : yarnBerry,
      name: 'yarn.lock',
      file: join(dir, folder, 'yarn.lock'),
      expected: readExpected(join(dir, folder)),
    })),
  ];
}

async function lockWithYarnClassic(folder: string): Promise<void> {
  const yarn = ['--yes', yarnClassic];
  const cache = `--cache-folder=${join(folder, 'cache')}`;
  const flags = ['--ignore-scripts', '--non-interactive', cache, `--registry=${registry}`];
  await run('npx', [...yarn, 'install', ...flags], { cwd: folder });
  const listed = JSON.parse(
    await run('npx', [...yarn, 'list', '--json', ...flags], { cwd: folder })
  ) as { data: { trees: YarnTree[] } };
  // `yarn list` names each package once in full; `shadow` entries repeat a range it resolved.
  const found = new Set<string>();
  const walk = (trees: YarnTree[]): void => {
    for (const tree of trees) {
      if (tree.shadow !== true) {
        found.add(tree.name);
      }
      walk(tree.children ?? []);
    }
  };
  walk(listed.data.trees);
  writeExpected(folder, [...found].sort());
  for (const leftover of ['node_modules', 'cache']) {
    rmSync(join(folder, leftover), { recursive: true, force: true });
  }
}

interface YarnTree {
  name: string;
  shadow?: boolean;
  children?: YarnTree[];
}

async function lockWithYarnBerry(folder: string): Promise<void> {
  const settings = [
    `npmRegistryServer: "${registry.replace(/\/$/, '')}"`,
    'enableGlobalCache: false',
    'enableTelemetry: false',
    'nodeLinker: node-modules',
  ];
  writeFileSync(join(folder, '.yarnrc.yml'), `${settings.join('\n')}\n`);
  writeFileSync(join(folder, 'yarn.lock'), '');
  const yarn = ['--yes', yarnBerry];
  await run('npx', [...yarn, 'install', '--mode=update-lockfile'], { cwd: folder });
  const listed = await run('npx', [...yarn, 'info', '--all', '--recursive', '--json'], {
    cwd: folder,
  });
  // One JSON object a line, `{"value": "@babel/code-frame@npm:7.22.13", …}`.
  const found = listed
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { value: string }).value)
    .filter((value) => value.includes('@npm:'))
    .map((value) => value.replace('@npm:', '@'));
  writeExpected(folder, [...new Set(found)].sort());
  rmSync(join(folder, '.yarn'), { recursive: true, force: true });
}

/** A folder holding the fixture's manifest. */
function projectIn(target: string, name: string): string {
  const folder = join(target, name);
  mkdirSync(folder);
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return folder;
}

function writeExpected(folder: string, expected: string[]): void {
  writeFileSync(join(folder, 'expected.json'), JSON.stringify(expected));
}

function readExpected(folder: string): string[] {
  return readJson(join(folder, 'expected.json')) as string[];
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

interface TreeNode {
  version?: string;
  dependencies?: Record<string, TreeNode>;
  optionalDependencies?: Record<string, TreeNode>;
}

/**
 * `npm ls --json` and `pnpm list --json` nest by dependency, keyed by name; a package appears
 * once per place it is needed, and `npm ls` shows a deduplicated one again without children.
 */
function flattenTree(root: unknown): string[] {
  const found = new Set<string>();
  const walk = (node: TreeNode): void => {
    const children = { ...node.dependencies, ...node.optionalDependencies };
    for (const [name, child] of Object.entries(children)) {
      if (child.version === undefined) {
        throw new Error(`the listing names ${name} without a version: the fixture is broken`);
      }
      found.add(`${name}@${child.version}`);
      walk(child);
    }
  };
  walk(root as TreeNode);
  return [...found].sort();
}

function queryLocations(nodes: unknown): Map<string, string> {
  const locations = new Map<string, string>();
  for (const node of nodes as { name: string; version: string; location: string }[]) {
    // The empty location is the project itself, which is no installed package.
    if (node.location !== '') {
      locations.set(node.location, `${node.name}@${node.version}`);
    }
  }
  return locations;
}

function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

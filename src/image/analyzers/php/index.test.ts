import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { analyzer } from './index.js';

/** One entry as Composer writes it, with the fields Palisade ignores. */
const entry = (name: string, version: string, license: unknown = ['MIT']): object => ({
  name,
  version,
  version_normalized: `${version.replace(/^v/, '')}.0`,
  source: { type: 'git', url: `https://github.com/${name}.git`, reference: 'a'.repeat(40) },
  dist: { type: 'zip', url: `https://api.github.com/repos/${name}/zipball/x`, shasum: '' },
  require: { php: '>=7.2.5' },
  type: 'library',
  license,
  autoload: { 'psr-4': { 'Vendor\\': 'src/' } },
  'install-path': `../${name}`,
});

const composer2 = {
  packages: [
    entry('symfony/http-kernel', 'v5.4.0'),
    entry('guzzlehttp/guzzle', '7.8.1'),
    entry('phpunit/phpunit', '9.6.13', ['BSD-3-Clause']),
  ],
  dev: true,
  'dev-package-names': ['phpunit/phpunit'],
};

const lock = {
  _readme: ['This file locks the dependencies of your project to a known state'],
  'content-hash': 'c'.repeat(32),
  packages: [entry('monolog/monolog', '3.5.0'), entry('psr/log', '3.0.0')],
  'packages-dev': [entry('phpunit/phpunit', '10.5.0', ['BSD-3-Clause'])],
  aliases: [],
  'minimum-stability': 'stable',
  'plugin-api-version': '2.6.0',
};

async function analyze(path: string, content: unknown): Promise<unknown> {
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  return analyzer.analyze({ path, content: Buffer.from(text) });
}

const installed = 'var/www/html/vendor/composer/installed.json';

describe('php analyzer', () => {
  it('wants installed.json in a vendor folder and composer.lock outside vendor/', () => {
    for (const path of [
      installed,
      'vendor/composer/installed.json',
      'var/www/html/composer.lock',
      'composer.lock',
    ]) {
      expect(analyzer.wants(path), path).toBe(true);
    }
    for (const path of [
      'var/www/html/vendor/composer/installed.php',
      'var/www/html/composer/installed.json',
      'var/www/html/vendor/monolog/monolog/composer.lock',
      'var/www/html/composer.json',
      'var/www/html/my-composer.lock',
    ]) {
      expect(analyzer.wants(path), path).toBe(false);
    }
  });

  it('reads Composer 2 installed.json, versions as written, dev packages skipped', async () => {
    expect(await analyze(installed, composer2)).toEqual({
      packages: [
        { type: 'composer', name: 'symfony/http-kernel', version: 'v5.4.0', licenses: ['MIT'] },
        { type: 'composer', name: 'guzzlehttp/guzzle', version: '7.8.1', licenses: ['MIT'] },
      ],
    });
  });

  it('reads Composer 1 installed.json (a bare array, no dev marks) and string licences', async () => {
    const composer1 = [entry('monolog/monolog', '1.27.1', 'MIT'), entry('psr/log', '1.1.4', [])];

    expect(await analyze(installed, composer1)).toEqual({
      packages: [
        { type: 'composer', name: 'monolog/monolog', version: '1.27.1', licenses: ['MIT'] },
        { type: 'composer', name: 'psr/log', version: '1.1.4', licenses: [] },
      ],
    });
  });

  it('reads composer.lock packages and leaves packages-dev out', async () => {
    expect(await analyze('var/www/html/composer.lock', lock)).toEqual({
      packages: [
        { type: 'composer', name: 'monolog/monolog', version: '3.5.0', licenses: ['MIT'] },
        { type: 'composer', name: 'psr/log', version: '3.0.0', licenses: ['MIT'] },
      ],
    });
  });

  it('notes an entry it cannot read, naming its place, and keeps the others', async () => {
    const packages = [
      entry('psr/log', '3.0.0'),
      { name: 'no-vendor', version: '1.0.0' },
      { name: 'a/b' },
      'not an object',
      entry('a/b', '1.0', 42),
      entry(`${'a'.repeat(60)}!/x`, '1.0'),
    ];

    expect(await analyze(installed, { packages })).toEqual({
      packages: [{ type: 'composer', name: 'psr/log', version: '3.0.0', licenses: ['MIT'] }],
      notes: [
        'packages[1]: name is missing or malformed; skipped',
        'packages[2]: version is missing or malformed; skipped',
        'packages[3]: (entry) is missing or malformed; skipped',
        'packages[4]: license is missing or malformed; skipped',
        'packages[5]: name is missing or malformed; skipped',
      ],
    });
  });

  it('refuses a file that is not JSON or not Composer’s shape, naming the path', async () => {
    await expect(analyze(installed, '{"packages": [')).rejects.toThrow(
      new InputError(`${installed}: the installed list is not valid JSON`)
    );
    await expect(analyze(installed, { packages: 'none' })).rejects.toThrow(
      `${installed}: the installed list is malformed: packages: `
    );
    await expect(analyze('composer.lock', { 'packages-dev': [] })).rejects.toThrow(
      'composer.lock: the lock file is malformed: packages: '
    );
  });

  it('is a language analyzer: faults become notes', () => {
    expect(analyzer.id).toBe('php');
    expect(analyzer.onUnreadable).toBe('note');
  });
});

import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { analyzer } from './index.js';

const manifest = Buffer.from(
  JSON.stringify({ name: 'lodash', version: '4.17.20', license: 'MIT' })
);

describe('npm analyzer', () => {
  it('is a language analyzer whose unreadable files become notes', () => {
    expect(analyzer.id).toBe('npm');
    expect(analyzer.onUnreadable).toBe('note');
    expect(analyzer.maxFileSize).toBe(64 * 1024 * 1024);
    expect('wantsExecutable' in analyzer).toBe(false);
  });

  it('wants installed manifests and lock files, and nothing else', () => {
    expect(analyzer.wants('app/node_modules/lodash/package.json')).toBe(true);
    expect(analyzer.wants('app/package-lock.json')).toBe(true);
    expect(analyzer.wants('app/yarn.lock')).toBe(true);
    expect(analyzer.wants('app/pnpm-lock.yaml')).toBe(true);
    expect(analyzer.wants('app/package.json')).toBe(false);
    expect(analyzer.wants('app/node_modules/lodash/fp/package.json')).toBe(false);
    expect(analyzer.wants('var/lib/dpkg/status')).toBe(false);
  });

  it('reads each file by the kind its path names', async () => {
    const installed = await analyzer.analyze({
      path: 'app/node_modules/lodash/package.json',
      content: manifest,
    });
    expect(installed).toEqual({
      packages: [{ type: 'npm', name: 'lodash', version: '4.17.20', licenses: ['MIT'] }],
    });
    const lock = Buffer.from(
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          'node_modules/ms': { version: '2.1.2' },
          'node_modules/debug/node_modules/ms': { version: '2.0.0' },
          'node_modules/send/node_modules/ms': { version: '2.0.0' },
        },
      })
    );
    const locked = await analyzer.analyze({ path: 'app/package-lock.json', content: lock });
    expect(locked.packages?.map((pkg) => pkg.version)).toEqual(['2.1.2', '2.0.0']);
  });

  it('throws an InputError, which the scan turns into a note, for an unreadable file', async () => {
    for (const path of ['app/node_modules/x/package.json', 'app/package-lock.json']) {
      await expect(
        Promise.resolve().then(() => analyzer.analyze({ path, content: Buffer.from('{') })),
        path
      ).rejects.toThrow(InputError);
    }
    await expect(
      Promise.resolve().then(() =>
        analyzer.analyze({ path: 'app/pnpm-lock.yaml', content: Buffer.from('a: [') })
      )
    ).rejects.toThrow(/^not YAML: /);
  });

  it('returns nothing for a path it did not ask for', async () => {
    expect(await analyzer.analyze({ path: 'etc/passwd', content: manifest })).toEqual({});
  });
});

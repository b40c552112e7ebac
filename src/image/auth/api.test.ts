import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../core/errors.js';
import { silentLogger } from '../../core/logger.js';
import type { RegistryOptions } from '../source/types.js';
import { authProviders, resolveCredentials } from './api.js';
import type { AuthContext } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-auth-api-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const helper = join(dir, 'docker-credential-order');
writeFileSync(helper, '#!/bin/sh\necho \'{"Username":"helper","Secret":"h"}\'\n');
chmodSync(helper, 0o755);
const store = join(dir, 'docker-credential-store');
writeFileSync(store, '#!/bin/sh\necho \'{"Username":"store","Secret":"s"}\'\n');
chmodSync(store, 0o755);

function context(registry: Partial<RegistryOptions>): AuthContext {
  return {
    logger: silentLogger,
    registry: {
      insecure: false,
      env: { PATH: dir },
      maxRetries: 0,
      timeoutMs: 5000,
      dockerConfigPath: join(dir, 'absent.json'),
      ...registry,
    },
  };
}

function config(name: string, content: object): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('resolveCredentials', () => {
  const auth = Buffer.from('file:f').toString('base64');
  const full = config('full.json', {
    auths: { 'reg.example': { auth }, 'other.example': { auth } },
    credHelpers: { 'reg.example': 'order' },
    credsStore: 'store',
  });
  const env = {
    PATH: dir,
    PALISADE_REGISTRY_USERNAME: 'env',
    PALISADE_REGISTRY_PASSWORD: 'e',
  };

  it('asks providers in priority order', async () => {
    const explicit = await resolveCredentials(
      'reg.example',
      context({ username: 'cli', password: 'c', env, dockerConfigPath: full })
    );
    expect(explicit).toMatchObject({ kind: 'basic', username: 'cli', source: 'explicit' });
    const fromEnv = await resolveCredentials(
      'reg.example',
      context({ env, dockerConfigPath: full })
    );
    expect(fromEnv).toMatchObject({ username: 'env', source: 'environment' });
    const fromHelper = await resolveCredentials('reg.example', context({ dockerConfigPath: full }));
    expect(fromHelper).toMatchObject({ username: 'helper', source: 'credential-helper' });
    const fromFile = await resolveCredentials('other.example', context({ dockerConfigPath: full }));
    expect(fromFile).toMatchObject({ username: 'file', password: 'f', source: 'docker-config' });
    const fromStore = await resolveCredentials(
      'third.example',
      context({ dockerConfigPath: full })
    );
    expect(fromStore).toMatchObject({ username: 'store', source: 'credential-store' });
    const none = await resolveCredentials('third.example', context({}));
    expect(none).toEqual({ kind: 'anonymous', source: 'anonymous' });
  });

  it('lists the providers with ids matching their keys, anonymous last', () => {
    const ids = [...authProviders.keys()];
    expect(ids).toEqual([
      'explicit',
      'environment',
      'credential-helper',
      'docker-config',
      'credential-store',
      'anonymous',
    ]);
    for (const [id, provider] of authProviders) {
      expect(provider.id).toBe(id);
    }
  });

  it('refuses half a pair of credentials', async () => {
    await expect(resolveCredentials('r', context({ username: 'u' }))).rejects.toThrow(
      new UsageError('--username is set but --password is not')
    );
    await expect(resolveCredentials('r', context({ password: 'p' }))).rejects.toThrow(
      '--password is set but --username is not'
    );
    await expect(
      resolveCredentials('r', context({ env: { PALISADE_REGISTRY_PASSWORD: 'p' } }))
    ).rejects.toThrow('PALISADE_REGISTRY_PASSWORD is set but PALISADE_REGISTRY_USERNAME is not');
  });

  it('allows an empty password', async () => {
    expect(await resolveCredentials('r', context({ username: 'u', password: '' }))).toMatchObject({
      kind: 'basic',
      username: 'u',
      password: '',
    });
  });
});

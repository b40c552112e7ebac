import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExternalHostError, InputError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import type { RegistryOptions } from '../../source/types.js';
import type { AuthContext } from '../types.js';
import { credentialHelperProvider, credentialStoreProvider } from './provider.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-cred-helper-'));
const bin = join(dir, 'bin');
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function script(name: string, body: string): void {
  const path = join(bin, `docker-credential-${name}`);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

mkdirSync(bin, { recursive: true });
// The fake helper answers by the server URL it reads on stdin, as real helpers do.
script(
  'test',
  `[ "$1" = get ] || exit 3
read server
case "$server" in
  reg.example) echo '{"ServerURL":"reg.example","Username":"alice","Secret":"s3cret"}' ;;
  https://index.docker.io/v1/) echo '{"Username":"<token>","Secret":"refresh"}' ;;
  empty.example) echo '{"Username":"","Secret":""}' ;;
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac`
);
script('broken', 'echo "keychain is locked" >&2; exit 2');
script('garbage', 'echo "not json"');
script('slow', 'sleep 5');
writeFileSync(join(bin, 'docker-credential-noexec'), '#!/bin/sh\n');

function context(config: object, registry: Partial<RegistryOptions> = {}): AuthContext {
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(config));
  return {
    logger: silentLogger,
    registry: {
      insecure: false,
      env: { PATH: `${bin}:/usr/bin:/bin` },
      maxRetries: 0,
      timeoutMs: 5000,
      dockerConfigPath: path,
      ...registry,
    },
  };
}

describe('credential helpers', () => {
  it('runs the credHelpers entry for the host with the server URL on stdin', async () => {
    const ctx = context({ credHelpers: { 'reg.example': 'test', 'docker.io': 'test' } });
    expect(await credentialHelperProvider.resolve('reg.example', ctx)).toEqual({
      kind: 'basic',
      username: 'alice',
      password: 's3cret',
      source: 'credential-helper',
    });
    expect(await credentialHelperProvider.resolve('other.example', ctx)).toBeUndefined();
  });

  it('reads <token> as an identity token, and asks for Docker Hub by its legacy URL', async () => {
    const ctx = context({ credsStore: 'test' });
    expect(await credentialStoreProvider.resolve('docker.io', ctx)).toEqual({
      kind: 'identity-token',
      token: 'refresh',
      source: 'credential-store',
    });
    const hub = context({ credHelpers: { 'https://index.docker.io/v1/': 'test' } });
    expect(await credentialHelperProvider.resolve('docker.io', hub)).toMatchObject({
      kind: 'identity-token',
    });
  });

  it('treats "credentials not found" and empty secrets as nothing stored', async () => {
    const ctx = context({ credsStore: 'test' });
    expect(await credentialStoreProvider.resolve('nothing.example', ctx)).toBeUndefined();
    expect(await credentialStoreProvider.resolve('empty.example', ctx)).toBeUndefined();
    expect(await credentialStoreProvider.resolve('x', context({}))).toBeUndefined();
  });

  it('reports a missing helper clearly', async () => {
    const failing = credentialStoreProvider.resolve(
      'reg.example',
      context({ credsStore: 'absent' })
    );
    await expect(failing).rejects.toThrow(ExternalHostError);
    await expect(failing).rejects.toThrow(
      'credential helper docker-credential-absent (configured for reg.example) was not found on PATH'
    );
    await expect(
      credentialStoreProvider.resolve('reg.example', context({ credsStore: 'noexec' }))
    ).rejects.toThrow(/not found on PATH/);
  });

  it('reports a failing helper with its message', async () => {
    await expect(
      credentialStoreProvider.resolve('reg.example', context({ credsStore: 'broken' }))
    ).rejects.toThrow(
      new ExternalHostError(
        'credential helper docker-credential-broken failed with exit code 2: keychain is locked'
      )
    );
    await expect(
      credentialStoreProvider.resolve('reg.example', context({ credsStore: 'garbage' }))
    ).rejects.toThrow(/output of credential helper docker-credential-garbage is not valid JSON/);
  });

  it('kills a helper that does not answer in time', async () => {
    await expect(
      credentialStoreProvider.resolve(
        'reg.example',
        context({ credsStore: 'slow' }, { timeoutMs: 300 })
      )
    ).rejects.toThrow('credential helper docker-credential-slow did not answer within 300 ms');
  });

  it('refuses helper names that are paths', async () => {
    await expect(
      credentialStoreProvider.resolve('reg.example', context({ credsStore: '../../bin/sh' }))
    ).rejects.toThrow(InputError);
  });
});

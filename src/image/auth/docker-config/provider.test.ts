import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import type { RegistryOptions } from '../../source/types.js';
import type { AuthContext } from '../types.js';
import { dockerConfigPath, findConfigEntry, hostOfConfigKey } from './config-file.js';
import { dockerConfigProvider } from './provider.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-docker-config-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function base64(text: string): string {
  return Buffer.from(text).toString('base64');
}

function context(registry: Partial<RegistryOptions>): AuthContext {
  return {
    logger: silentLogger,
    registry: { insecure: false, env: {}, maxRetries: 0, timeoutMs: 1000, ...registry },
  };
}

function write(name: string, content: object | string): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const config = write('config.json', {
  auths: {
    'https://index.docker.io/v1/': { auth: base64('hubuser:hub:pass:with:colons') },
    'https://ghcr.io/v2/': { username: 'gh', password: 'ghp' },
    '127.0.0.1:5000': { auth: base64('local:pw') },
    'id.example': { identitytoken: 'refresh-me', auth: base64('idu:') },
    'rt.example': { registrytoken: 'bearer-me' },
    'empty.example': {},
    'http://plain.example:8080': { auth: base64('plain:pw') },
  },
});

async function resolve(host: string, path = config) {
  return dockerConfigProvider.resolve(host, context({ dockerConfigPath: path }));
}

describe('docker config provider', () => {
  it('decodes base64 auth, splitting at the first colon', async () => {
    expect(await resolve('docker.io')).toEqual({
      kind: 'basic',
      username: 'hubuser',
      password: 'hub:pass:with:colons',
      source: 'docker-config',
    });
    expect(await resolve('127.0.0.1:5000')).toMatchObject({ username: 'local', password: 'pw' });
  });

  it('reads username/password, identity and registry tokens', async () => {
    expect(await resolve('ghcr.io')).toMatchObject({
      kind: 'basic',
      username: 'gh',
      password: 'ghp',
    });
    expect(await resolve('id.example')).toEqual({
      kind: 'identity-token',
      token: 'refresh-me',
      username: 'idu',
      source: 'docker-config',
    });
    expect(await resolve('rt.example')).toEqual({
      kind: 'registry-token',
      token: 'bearer-me',
      source: 'docker-config',
    });
  });

  it('matches keys written with a scheme, path or port, and nothing else', async () => {
    expect(await resolve('plain.example:8080')).toMatchObject({ username: 'plain' });
    expect(await resolve('plain.example')).toBeUndefined();
    expect(await resolve('127.0.0.1:5001')).toBeUndefined();
    expect(await resolve('empty.example')).toBeUndefined();
    expect(await resolve('unknown.example')).toBeUndefined();
    expect(hostOfConfigKey('HTTPS://Registry.Example:443/v2/')).toBe('registry.example:443');
  });

  it('finds Docker Hub under any of its names', () => {
    const entries = { 'registry-1.docker.io': 1 };
    expect(findConfigEntry(entries, 'docker.io')).toEqual({
      key: 'registry-1.docker.io',
      value: 1,
    });
    expect(
      findConfigEntry({ 'https://index.docker.io/v1/': 2, 'docker.io': 3 }, 'docker.io')
    ).toEqual({ key: 'https://index.docker.io/v1/', value: 2 });
    expect(findConfigEntry({ 'https://index.docker.io/v1/': 2 }, 'quay.io')).toBeUndefined();
  });

  it('finds the file through DOCKER_CONFIG or HOME', async () => {
    const folder = join(dir, 'docker-config-folder');
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'config.json'),
      JSON.stringify({ auths: { 'x.example': { auth: base64('a:b') } } })
    );
    expect(dockerConfigPath(context({ env: { DOCKER_CONFIG: folder } }).registry)).toBe(
      join(folder, 'config.json')
    );
    expect(
      await dockerConfigProvider.resolve('x.example', context({ env: { DOCKER_CONFIG: folder } }))
    ).toMatchObject({ username: 'a' });
    expect(dockerConfigPath(context({ env: { HOME: '/home/u' } }).registry)).toBe(
      '/home/u/.docker/config.json'
    );
    expect(
      await dockerConfigProvider.resolve(
        'x.example',
        context({ env: { HOME: join(dir, 'nohome') } })
      )
    ).toBeUndefined();
  });

  it('refuses malformed files without quoting secrets', async () => {
    await expect(resolve('x', write('bad.json', '{"auths": '))).rejects.toThrow(InputError);
    await expect(resolve('x', write('bad-shape.json', { auths: [] }))).rejects.toThrow(
      /is malformed: auths/
    );
    const badAuth = write('bad-auth.json', {
      auths: { 'x.example': { auth: 'c2VjcmV0LW5vLWNvbG9u' } },
    });
    const failing = resolve('x.example', badAuth);
    await expect(failing).rejects.toThrow(
      /entry x\.example: "auth" is not base64 of username:password/
    );
    await expect(failing).rejects.not.toThrow(/secret|c2VjcmV0/);
  });
});

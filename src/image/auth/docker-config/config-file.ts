import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../../../core/errors.js';
import { parseJson } from '../../../core/parse.js';
import { dockerHubLegacyIndex, isDockerHub } from '../../registry/docker-hub.js';
import type { RegistryOptions } from '../../source/types.js';

const AuthEntry = z
  .object({
    auth: z.string().optional(),
    username: z.string().optional(),
    password: z.string().optional(),
    identitytoken: z.string().optional(),
    registrytoken: z.string().optional(),
  })
  .loose();
export type AuthEntry = z.infer<typeof AuthEntry>;

const DockerConfig = z
  .object({
    auths: z.record(z.string(), AuthEntry).optional(),
    credHelpers: z.record(z.string(), z.string()).optional(),
    credsStore: z.string().optional(),
  })
  .loose();
export type DockerConfig = z.infer<typeof DockerConfig>;

export interface LoadedDockerConfig {
  path: string;
  config: DockerConfig;
}

/** A config with thousands of registries is still far below this; anything bigger is not one. */
const maxConfigFileBytes = 4 * 1024 * 1024;

/** `dockerConfigPath`, else `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(registry: RegistryOptions): string {
  if (registry.dockerConfigPath !== undefined) {
    return registry.dockerConfigPath;
  }
  const folder = registry.env['DOCKER_CONFIG'];
  if (folder) {
    return join(folder, 'config.json');
  }
  return join(registry.env['HOME'] || homedir(), '.docker', 'config.json');
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/** The docker config, or undefined when there is none (most CI machines). */
export async function loadDockerConfig(
  registry: RegistryOptions
): Promise<LoadedDockerConfig | undefined> {
  const path = dockerConfigPath(registry);
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return undefined;
    }
    throw new InputError(`cannot read docker config ${path}: ${code ?? 'unknown error'}`, {
      cause: error,
    });
  }
  if (data.length > maxConfigFileBytes) {
    throw new InputError(`docker config ${path} is larger than ${maxConfigFileBytes} bytes`);
  }
  return { path, config: parseJson(DockerConfig, data, `docker config ${path}`) };
}

/** `https://ghcr.io/v2/` and `ghcr.io` name the same registry: keys are written both ways. */
export function hostOfConfigKey(key: string): string {
  const withoutScheme = key.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = withoutScheme.indexOf('/');
  return (slash === -1 ? withoutScheme : withoutScheme.slice(0, slash)).toLowerCase();
}

/**
 * The entry of `entries` for `host`: an exact key first, then any key naming the same host.
 * Docker Hub's entries sit under the legacy index URL, or under any of its aliases.
 */
export function findConfigEntry<T>(
  entries: Record<string, T> | undefined,
  host: string
): { key: string; value: T } | undefined {
  if (entries === undefined) {
    return undefined;
  }
  const hub = isDockerHub(host);
  const exact = hub ? dockerHubLegacyIndex : host;
  const exactValue = Object.hasOwn(entries, exact) ? entries[exact] : undefined;
  if (exactValue !== undefined) {
    return { key: exact, value: exactValue };
  }
  const wanted = host.toLowerCase();
  for (const [key, value] of Object.entries(entries)) {
    const keyHost = hostOfConfigKey(key);
    if (hub ? isDockerHub(keyHost) : keyHost === wanted) {
      return { key, value };
    }
  }
  return undefined;
}

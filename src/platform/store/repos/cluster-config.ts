import { isAbsolute } from 'node:path';
import { InputError } from '../../../core/errors.js';
import { isRecord } from '../../../core/is-record.js';
import { checkInlineKubeconfig } from '../../../posture/index.js';

/**
 * How a `kubeconfig-context` cluster is reached, as `POST /clusters` takes it in `config`:
 * - `{}`: the worker's own default, as `palisade assess cluster` finds it (`KUBECONFIG`, then
 *   `~/.kube/config`, then the pod's service account when Palisade runs in the cluster);
 * - `kubeconfig`: an absolute path to a kubeconfig file on the machines that run workers;
 * - `kubeconfigData`: the kubeconfig's text, sealed at rest and never returned; only a
 *   self-contained one (no `exec`, `auth-provider` or file references) is accepted;
 * - `context`: the context to use (with any of the above); else the kubeconfig's current one.
 * Other sources (`eks`) keep their connector's own object for now.
 */
export interface KubeconfigContextConfig {
  kubeconfig?: string;
  kubeconfigData?: string;
  context?: string;
}

export interface CheckedClusterConfig {
  /** What the `config` column holds: never the inline kubeconfig. */
  stored: Record<string, unknown>;
  /** The inline kubeconfig, to be sealed. */
  kubeconfigData?: string;
}

const allowedKeys = ['kubeconfig', 'kubeconfigData', 'context'];

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value === '' || value.length > max || value.includes('\0')) {
    throw new InputError(`${field}: a non-empty string of at most ${max} characters`);
  }
  return value;
}

/** The context names and current-context of a checked inline kubeconfig. */
function contextsOf(config: Record<string, unknown>): { names: string[]; current?: string } {
  const contexts = Array.isArray(config['contexts']) ? (config['contexts'] as unknown[]) : [];
  const names = contexts.flatMap((entry) =>
    isRecord(entry) && typeof entry['name'] === 'string' ? [entry['name']] : []
  );
  const current = config['current-context'];
  return { names, ...(typeof current === 'string' && current !== '' ? { current } : {}) };
}

function checkInline(data: unknown, context: string | undefined): string {
  const kubeconfigData = text(data, 'config.kubeconfigData', 256 * 1024);
  let parsed: Record<string, unknown>;
  try {
    parsed = checkInlineKubeconfig(kubeconfigData);
  } catch (error) {
    if (error instanceof InputError) {
      throw new InputError(`config.kubeconfigData: ${error.message}`, { cause: error });
    }
    throw error;
  }
  const { names, current } = contextsOf(parsed);
  const chosen = context ?? current;
  const known = names.length > 0 ? names.join(', ') : 'none';
  if (chosen === undefined) {
    throw new InputError(
      `config.context: required, the kubeconfig sets no current-context (contexts: ${known})`
    );
  }
  if (!names.includes(chosen)) {
    const field = context !== undefined ? 'config.context' : 'config.kubeconfigData';
    throw new InputError(
      `${field}: context "${chosen}" is not in the kubeconfig (contexts: ${known})`
    );
  }
  return kubeconfigData;
}

export function checkClusterConfig(source: string, config: unknown): CheckedClusterConfig {
  if (!isRecord(config)) {
    throw new InputError('config: must be an object');
  }
  if (source !== 'kubeconfig-context') {
    return { stored: config };
  }
  const unknownKey = Object.keys(config).find((key) => !allowedKeys.includes(key));
  if (unknownKey !== undefined) {
    throw new InputError(
      `config.${unknownKey}: not a setting of a kubeconfig-context cluster (${allowedKeys.join(', ')})`
    );
  }
  if (config['kubeconfig'] !== undefined && config['kubeconfigData'] !== undefined) {
    throw new InputError('config: give kubeconfig (a file) or kubeconfigData (its text), not both');
  }
  const context =
    config['context'] !== undefined ? text(config['context'], 'config.context', 253) : undefined;
  const stored: Record<string, unknown> = context !== undefined ? { context } : {};
  if (config['kubeconfig'] !== undefined) {
    const path = text(config['kubeconfig'], 'config.kubeconfig', 4096);
    if (!isAbsolute(path)) {
      throw new InputError('config.kubeconfig: an absolute path on the machines running workers');
    }
    return { stored: { ...stored, kubeconfig: path } };
  }
  if (config['kubeconfigData'] !== undefined) {
    return { stored, kubeconfigData: checkInline(config['kubeconfigData'], context) };
  }
  return { stored };
}

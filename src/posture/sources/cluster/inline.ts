import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { InputError } from '../../../core/errors.js';
import { isRecord } from '../../../core/is-record.js';

/**
 * A kubeconfig given as text (a platform stores it for a cluster) comes from whoever may add a
 * cluster, not from the machine's owner, so it may only carry what it holds itself: a server,
 * inline CA and client certificate data, a token or a password. What would make the process
 * run a command (`exec`, `auth-provider`) or read one of its own files (`token-file`,
 * `certificate-authority`, `client-certificate`, `client-key`) is refused before the client
 * sees the text: the client reads `token-file` as it loads, and would send the file as a token.
 * Messages name the entry and the key, never a value.
 */
export const maxInlineKubeconfigBytes = 256 * 1024;

const clusterKeys = new Set([
  'server',
  'certificate-authority-data',
  'insecure-skip-tls-verify',
  'tls-server-name',
  'proxy-url',
  'extensions',
]);
const userKeys = new Set([
  'token',
  'client-certificate-data',
  'client-key-data',
  'username',
  'password',
  'as',
  'extensions',
]);
const refusedWhy: Readonly<Record<string, string>> = {
  exec: 'it would run a command on the Palisade server',
  'auth-provider': 'it would run a command or a refresh on the Palisade server',
  'token-file': 'it would read a file of the Palisade server (give the token itself)',
  tokenFile: 'it would read a file of the Palisade server (give the token itself)',
  'certificate-authority':
    'it would read a file of the Palisade server (give certificate-authority-data)',
  'client-certificate':
    'it would read a file of the Palisade server (give client-certificate-data)',
  'client-key': 'it would read a file of the Palisade server (give client-key-data)',
};

function entries(
  config: Record<string, unknown>,
  list: string,
  inner: string,
  allowed: Set<string>
): void {
  const items = config[list] ?? [];
  if (!Array.isArray(items)) {
    throw new InputError(`${list} must be a list`);
  }
  items.forEach((item: unknown, index) => {
    const where = `${list}[${index}]`;
    if (!isRecord(item) || typeof item['name'] !== 'string' || item['name'] === '') {
      throw new InputError(`${where} must be a mapping with a name`);
    }
    const body = item[inner] ?? {};
    if (!isRecord(body)) {
      throw new InputError(`${where}.${inner} must be a mapping`);
    }
    for (const key of Object.keys(body)) {
      if (allowed.has(key)) {
        continue;
      }
      const why = refusedWhy[key] ?? 'not a key Palisade accepts in an inline kubeconfig';
      throw new InputError(`${where}.${inner}.${key} is not allowed: ${why}`);
    }
  });
}

/** YAML anchors and aliases have no use in a kubeconfig and are how YAML bombs are built. */
function hasAlias(node: Node | null | undefined, depth = 0): boolean {
  if (node === null || node === undefined || isScalar(node) || depth > 64) {
    return depth > 64;
  }
  if (isMap(node)) {
    return node.items.some(
      (pair) => hasAlias(pair.key as Node, depth + 1) || hasAlias(pair.value as Node, depth + 1)
    );
  }
  if (isSeq(node)) {
    return node.items.some((item) => hasAlias(item as Node, depth + 1));
  }
  return true;
}

/**
 * Checks an inline kubeconfig as above, and returns its parsed mapping. Throws `InputError`
 * (the message without a value of the text) when it is too big, not YAML, or carries anything
 * refused.
 */
export function checkInlineKubeconfig(text: string): Record<string, unknown> {
  if (Buffer.byteLength(text, 'utf8') > maxInlineKubeconfigBytes) {
    throw new InputError(`at most ${maxInlineKubeconfigBytes} bytes`);
  }
  const document = parseDocument(text, { uniqueKeys: true });
  const error = document.errors[0];
  if (error !== undefined) {
    const line = error.linePos?.[0].line;
    throw new InputError(
      `not valid YAML${line !== undefined ? ` at line ${line}` : ''}: ${error.code}`
    );
  }
  if (hasAlias(document.contents)) {
    throw new InputError('YAML anchors and aliases are not accepted (or it nests too deep)');
  }
  const config: unknown = document.toJS();
  if (!isRecord(config)) {
    throw new InputError('not a kubeconfig (expected a mapping with clusters, users and contexts)');
  }
  entries(config, 'clusters', 'cluster', clusterKeys);
  entries(config, 'users', 'user', userKeys);
  return config;
}

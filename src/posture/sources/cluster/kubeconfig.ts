import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isIPv6 } from 'node:net';
import { delimiter, join } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { InputError, UsageError } from '../../../core/errors.js';
import { checkInlineKubeconfig } from './inline.js';

/**
 * Which kubeconfig, which context, which server. The format itself (YAML, CA data or files,
 * tokens, client certificates, exec and auth-provider plugins) is the client's: each file is
 * loaded by `KubeConfig.loadFromFile`, so relative file paths resolve against the file's folder
 * as kubectl resolves them.
 *
 * Where it comes from, as kubectl looks: the `--kubeconfig` file, else every file of
 * `KUBECONFIG` merged (missing files in the list skipped, the first file to define a name wins
 * it, the first `current-context` set wins), else `~/.kube/config`. The client's own
 * `loadFromDefault` is not used: it reads `process.env` rather than the environment given, lets
 * later files override `current-context`, and throws on a name that two files define.
 *
 * With none of those, inside a pod (`KUBERNETES_SERVICE_HOST` and `_PORT` set), the pod's service
 * account is used as client-go's in-cluster config does: its token file, re-read as it rotates,
 * and its CA.
 */
export interface ResolvedKubeconfig {
  kubeConfig: KubeConfig;
  context: string;
  /** The cluster's server URL, without a trailing slash. */
  server: string;
  /** The files read, for messages. */
  files: readonly string[];
}

export interface KubeconfigOptions {
  kubeconfig?: string;
  /** A kubeconfig's text instead of a file; only self-contained ones pass (see `inline.ts`). */
  kubeconfigData?: string;
  context?: string;
  env: Record<string, string | undefined>;
  /** Where a pod's service account token and CA are mounted; the kubelet's path by default. */
  serviceAccountDir?: string;
}

export const defaultServiceAccountDir = '/var/run/secrets/kubernetes.io/serviceaccount';

function exists(path: string): boolean {
  try {
    accessSync(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** The files to read, or `in-cluster` when there are none and the process runs in a pod. */
function kubeconfigFiles(options: KubeconfigOptions): string[] | 'in-cluster' {
  if (options.kubeconfig !== undefined) {
    if (!exists(options.kubeconfig)) {
      throw new UsageError(`kubeconfig ${options.kubeconfig} does not exist`);
    }
    return [options.kubeconfig];
  }
  const list = (options.env['KUBECONFIG'] ?? '').split(delimiter).filter((path) => path !== '');
  if (list.length > 0) {
    const found = list.filter(exists);
    if (found.length === 0) {
      throw new UsageError(`no file of KUBECONFIG exists: ${list.join(', ')}`);
    }
    return found;
  }
  const home = options.env['HOME'] ?? options.env['USERPROFILE'] ?? homedir();
  const path = join(home, '.kube', 'config');
  if (!exists(path)) {
    if (options.env['KUBERNETES_SERVICE_HOST'] && options.env['KUBERNETES_SERVICE_PORT']) {
      return 'in-cluster';
    }
    throw new UsageError(
      `no kubeconfig: ${path} does not exist (pass --kubeconfig or set KUBECONFIG)`
    );
  }
  return [path];
}

/**
 * A load error without the file's content: js-yaml quotes the lines around a syntax error,
 * and those lines may hold a token.
 */
function loadErrorMessage(error: unknown): string {
  if (error instanceof Error && error.name === 'YAMLException') {
    const { reason, mark } = error as Error & { reason?: string; mark?: { line?: number } };
    const line = mark?.line !== undefined ? ` at line ${mark.line + 1}` : '';
    return `not valid YAML${line}: ${reason ?? 'syntax error'}`;
  }
  if (error instanceof TypeError) {
    // The client reads fields of whatever the YAML held; a scalar or empty file lands here.
    return 'not a kubeconfig (expected a mapping with clusters, users and contexts)';
  }
  return error instanceof Error ? error.message : String(error);
}

function loadFile(path: string): KubeConfig {
  if (statSync(path).isDirectory()) {
    throw new UsageError(`kubeconfig ${path} is a directory`);
  }
  const config = new KubeConfig();
  try {
    config.loadFromFile(path);
  } catch (error) {
    throw new InputError(`kubeconfig ${path}: ${loadErrorMessage(error)}`, { cause: error });
  }
  return config;
}

/** The client types `currentContext` as a string; a kubeconfig without one leaves it unset. */
function currentContextOf(config: KubeConfig): string | undefined {
  const value: unknown = config.getCurrentContext();
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** kubectl's merge: the first file that names a cluster, user or context wins it. */
function firstByName<T extends { name: string }>(lists: readonly (readonly T[])[]): T[] {
  const seen = new Map<string, T>();
  for (const list of lists) {
    for (const entry of list) {
      if (!seen.has(entry.name)) {
        seen.set(entry.name, entry);
      }
    }
  }
  return [...seen.values()];
}

function merge(configs: readonly KubeConfig[]): KubeConfig {
  if (configs.length === 1 && configs[0] !== undefined) {
    return configs[0];
  }
  const merged = new KubeConfig();
  merged.loadFromOptions({
    clusters: firstByName<Cluster>(configs.map((config) => config.getClusters())),
    users: firstByName<User>(configs.map((config) => config.getUsers())),
    contexts: firstByName<Context>(configs.map((config) => config.getContexts())),
    currentContext: configs.map(currentContextOf).find((name) => name !== undefined),
  });
  return merged;
}

function checkServer(cluster: Cluster, where: string): void {
  const server = cluster.server;
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new InputError(`${where}: server ${server} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`${where}: server ${server} is not an http(s) URL`);
  }
  if (url.protocol === 'http:' && !cluster.skipTLSVerify) {
    // The client refuses plain HTTP unless told to skip TLS verification; say so here.
    throw new InputError(
      `${where}: server ${server} is plain HTTP, which the client uses only with insecure-skip-tls-verify: true`
    );
  }
}

/** The pod's own service account, as client-go's `InClusterConfig` builds it. */
function inCluster(options: KubeconfigOptions): ResolvedKubeconfig {
  const dir = options.serviceAccountDir ?? defaultServiceAccountDir;
  if (options.context !== undefined) {
    throw new UsageError(
      `--context needs a kubeconfig: in a pod without one, only the pod's service account (${dir}) is used`
    );
  }
  const host = options.env['KUBERNETES_SERVICE_HOST'] ?? '';
  const port = options.env['KUBERNETES_SERVICE_PORT'] ?? '';
  if (!/^[0-9]{1,5}$/.test(port)) {
    throw new InputError(`KUBERNETES_SERVICE_PORT ${port} is not a port number`);
  }
  const tokenFile = join(dir, 'token');
  const caFile = join(dir, 'ca.crt');
  for (const file of [tokenFile, caFile]) {
    if (!exists(file)) {
      throw new InputError(
        `in-cluster configuration: ${file} does not exist (is a service account token mounted?)`
      );
    }
  }
  const server = `https://${isIPv6(host) ? `[${host}]` : host}:${port}`;
  const cluster: Cluster = { name: 'in-cluster', server, caFile, skipTLSVerify: false };
  checkServer(cluster, 'in-cluster configuration');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [cluster],
    users: [{ name: 'in-cluster', authProvider: { name: 'tokenFile', config: { tokenFile } } }],
    contexts: [{ name: 'in-cluster', cluster: 'in-cluster', user: 'in-cluster' }],
    currentContext: 'in-cluster',
  });
  return { kubeConfig, context: 'in-cluster', server, files: [dir] };
}

/** What messages call a kubeconfig given as text. */
export const inlineKubeconfigName = '(inline)';

function loadInline(text: string): KubeConfig {
  const config = new KubeConfig();
  try {
    checkInlineKubeconfig(text);
    config.loadFromString(text);
  } catch (error) {
    throw new InputError(`kubeconfig ${inlineKubeconfigName}: ${loadErrorMessage(error)}`, {
      cause: error,
    });
  }
  return config;
}

/** Loads, merges and checks the kubeconfig; the chosen context becomes the current one. */
export function resolveKubeconfig(options: KubeconfigOptions): ResolvedKubeconfig {
  if (options.kubeconfigData !== undefined && options.kubeconfig !== undefined) {
    throw new UsageError('give a kubeconfig file or its text, not both');
  }
  const files =
    options.kubeconfigData !== undefined ? [inlineKubeconfigName] : kubeconfigFiles(options);
  if (files === 'in-cluster') {
    return inCluster(options);
  }
  const kubeConfig =
    options.kubeconfigData !== undefined
      ? loadInline(options.kubeconfigData)
      : merge(files.map(loadFile));
  const named = files.join(', ');
  if (kubeConfig.getClusters().length === 0) {
    throw new InputError(`kubeconfig ${named} defines no clusters`);
  }
  const contextNames = kubeConfig.getContexts().map((context) => context.name);
  const known = contextNames.length > 0 ? contextNames.join(', ') : 'none';
  const name = options.context ?? currentContextOf(kubeConfig);
  if (name === undefined || name === '') {
    throw new UsageError(
      `kubeconfig ${named} sets no current-context: pass --context (contexts: ${known})`
    );
  }
  const context = kubeConfig.getContextObject(name);
  if (context === null) {
    throw new UsageError(`context "${name}" is not in kubeconfig ${named} (contexts: ${known})`);
  }
  const where = `context "${name}" of kubeconfig ${named}`;
  const cluster = kubeConfig.getCluster(context.cluster);
  if (cluster === null) {
    throw new InputError(`${where} names cluster "${context.cluster}", which is not defined`);
  }
  // The client applies the cluster's CA only when the context has a user, so one is required
  // (kubectl refuses a context whose user is missing too).
  if (!context.user || kubeConfig.getUser(context.user) === null) {
    const user = context.user ? `user "${context.user}", which is not defined` : 'no user';
    throw new InputError(`${where} names ${user}`);
  }
  checkServer(cluster, where);
  kubeConfig.setCurrentContext(name);
  return { kubeConfig, context: name, server: cluster.server, files };
}

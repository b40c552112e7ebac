import { VersionApi } from '@kubernetes/client-node';
import { AuthenticationError, ExternalHostError, UsageError } from '../../../core/errors.js';
import { silentLogger, type Logger } from '../../../core/logger.js';
import { nodeOf, type ClusterNode } from '../../inventory/nodes.js';
import { snapshotOf } from '../../snapshot/build.js';
import type { Snapshot } from '../../snapshot/types.js';
import { CallStopped, CallTimeout, rawCall, type CallContext } from './call.js';
import { classifyFailure, timeoutError, type Target } from './errors.js';
import { clusterKinds, nodeKind, readAwsAuth, type KindSpec } from './kinds.js';
import { resolveKubeconfig } from './kubeconfig.js';
import { listKind, ObjectBudget, type KindResult, type ListRun } from './list.js';
import { toKubeObject } from './objects.js';

/**
 * The live-cluster snapshot source: every kind the checks read, listed cluster-wide through
 * `@kubernetes/client-node` with the user's kubeconfig. See `readme.md` beside this file for
 * what is read, what is dropped, the permissions needed and the errors.
 */
export interface ReadClusterOptions {
  /** A kubeconfig file; else `KUBECONFIG` (every file, merged), else `~/.kube/config`. */
  kubeconfig?: string;
  /**
   * A kubeconfig's text instead of a file, as a platform stores it: only a self-contained one
   * (no `exec`, `auth-provider` or file references; see `inline.ts`) is accepted.
   */
  kubeconfigData?: string;
  /** The context to use; the kubeconfig's `current-context` by default. */
  context?: string;
  /** Per call (one page of one kind, or the first `/version` call), in ms. */
  timeoutMs?: number;
  /** Objects per page (`limit`). */
  pageSize?: number;
  /** Objects in the whole snapshot; listing stops there with a note. */
  maxObjects?: number;
  /** Kinds listed at once. */
  concurrency?: number;
  /** Where `KUBECONFIG`, `HOME` and `KUBERNETES_SERVICE_*` are read; `process.env` by default. */
  env?: Record<string, string | undefined>;
  /** Where a pod's service account is mounted, for the in-cluster fallback. */
  serviceAccountDir?: string;
  logger?: Logger;
}

export const clusterDefaults = {
  timeoutMs: 30_000,
  pageSize: 500,
  maxObjects: 500_000,
  concurrency: 4,
} as const;

function positive(name: string, value: number | undefined, fallback: number): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < 1) {
    throw new UsageError(`${name} must be a positive integer, not ${chosen}`);
  }
  return chosen;
}

/**
 * `GET /version` first: a server that cannot be reached, does not answer in time, or refuses
 * the credentials fails the run here, once, instead of as one note per kind. Any other answer
 * (a 403 where discovery is locked down) lets the listing go on.
 */
async function probe(call: CallContext, target: Target, logger: Logger): Promise<void> {
  try {
    const answer = await rawCall(call, (config) => new VersionApi(config).getCode());
    const version = answer.json ? (answer.value as { gitVersion?: unknown }).gitVersion : undefined;
    logger.debug({ server: target.server, version }, 'API server answered');
  } catch (error) {
    if (error instanceof CallTimeout) {
      throw timeoutError(target, call.timeoutMs);
    }
    const failure = classifyFailure(error, target, false);
    if (failure.type === 'fatal') {
      throw failure.error;
    }
    logger.debug({ server: target.server, failure }, 'version call failed; listing anyway');
  }
}

/** Lists the kinds, `concurrency` at a time; the first fatal error stops the others. */
async function listAll(
  kinds: readonly KindSpec[],
  run: ListRun,
  concurrency: number,
  stopper: AbortController
): Promise<KindResult[]> {
  const results: KindResult[] = [];
  let nextIndex = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = nextIndex++;
      const spec = kinds[index];
      if (spec === undefined || failure !== undefined) {
        return;
      }
      try {
        results[index] = await listKind(spec, run);
      } catch (error) {
        if (!stopper.signal.aborted && !(error instanceof CallStopped)) {
          failure = { error };
          stopper.abort();
        }
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, kinds.length) }, worker));
  if (failure !== undefined) {
    throw failure.error;
  }
  return results;
}

/**
 * When ConfigMaps could not be listed, `kube-system/aws-auth` is asked for by name: a role may
 * grant `get` on it alone. Not there (no EKS, or access entries only) or refused: nothing more
 * is said, the `cannot list configmaps` note stands.
 */
async function awsAuthAlone(
  results: KindResult[],
  call: CallContext,
  target: Target,
  logger: Logger
): Promise<void> {
  const index = clusterKinds.findIndex((spec) => spec.kind === 'ConfigMap');
  const configMaps = results[index];
  if (configMaps?.leftOut === undefined) {
    return;
  }
  try {
    const answer = await rawCall(call, readAwsAuth);
    const object = answer.json ? toKubeObject(answer.value, 'ConfigMap', 'v1') : undefined;
    if (object !== undefined) {
      configMaps.objects.push(object);
      configMaps.notes.push('read kube-system/aws-auth by name instead');
    }
  } catch (error) {
    if (error instanceof CallStopped) {
      throw error;
    }
    const failure = classifyFailure(error, target, error instanceof CallTimeout);
    if (failure.type === 'fatal') {
      throw failure.error;
    }
    logger.debug({ failure }, 'kube-system/aws-auth not read by name');
  }
}

/** A snapshot in which every kind was left out says nothing; it is an error instead. */
function refuseEmpty(results: readonly KindResult[], target: Target): void {
  if (!results.every((result) => result.leftOut !== undefined)) {
    return;
  }
  const first = results[0]?.notes[0] ?? 'nothing was listed';
  const where = `the API server ${target.server} (context ${target.context})`;
  if (results.every((result) => result.leftOut === 'forbidden')) {
    throw new AuthenticationError(
      `${where}: the credentials may list none of the kinds Palisade reads (${first})`
    );
  }
  throw new ExternalHostError(`${where} answered no list (${first})`);
}

/** A cluster's snapshot and its nodes, read in one run (one probe, one object budget). */
export interface ClusterRead {
  snapshot: Snapshot;
  /** Undefined when the nodes could not be listed whole; `nodesNote` says why. */
  nodes: ClusterNode[] | undefined;
  nodesNote?: string;
  /**
   * Kinds left out or cut short (`Pod`, `Secret`): their objects are absent from the snapshot,
   * not gone from the cluster, which a store of past results must not read as resolved.
   */
  incompleteKinds: string[];
}

export async function readCluster(options: ReadClusterOptions = {}): Promise<Snapshot> {
  return (await readLive(options, false)).snapshot;
}

/**
 * `readCluster` and the cluster's Nodes (`list nodes`, listed first so the object limit never
 * cuts them): what the platform's inventory and metering need. Nodes that cannot be listed
 * (forbidden, say) leave `nodes` undefined with a note; the snapshot does not depend on them.
 */
export async function readClusterWithNodes(options: ReadClusterOptions = {}): Promise<ClusterRead> {
  return await readLive(options, true);
}

function nodesFrom(
  result: KindResult | undefined
): Pick<ClusterRead, 'nodes'> & { nodesNote?: string } {
  if (result === undefined || result.leftOut !== undefined) {
    return { nodes: undefined, nodesNote: result?.notes[0] ?? 'nodes were not listed' };
  }
  if (!result.complete) {
    return { nodes: undefined, nodesNote: 'nodes: stopped at the object limit; not counted' };
  }
  return { nodes: result.objects.map(nodeOf) };
}

async function readLive(options: ReadClusterOptions, withNodes: boolean): Promise<ClusterRead> {
  const timeoutMs = positive('timeoutMs', options.timeoutMs, clusterDefaults.timeoutMs);
  const pageSize = positive('pageSize', options.pageSize, clusterDefaults.pageSize);
  const maxObjects = positive('maxObjects', options.maxObjects, clusterDefaults.maxObjects);
  const concurrency = positive('concurrency', options.concurrency, clusterDefaults.concurrency);
  const logger = options.logger ?? silentLogger;
  const resolved = resolveKubeconfig({
    ...(options.kubeconfig !== undefined ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.kubeconfigData !== undefined ? { kubeconfigData: options.kubeconfigData } : {}),
    ...(options.context !== undefined ? { context: options.context } : {}),
    ...(options.serviceAccountDir !== undefined
      ? { serviceAccountDir: options.serviceAccountDir }
      : {}),
    env: options.env ?? process.env,
  });
  const target: Target = { context: resolved.context, server: resolved.server };
  const stopper = new AbortController();
  const call: CallContext = {
    kubeConfig: resolved.kubeConfig,
    server: resolved.server,
    timeoutMs,
    stop: stopper.signal,
  };
  logger.debug(
    { context: target.context, server: target.server, files: resolved.files },
    'reading cluster'
  );
  await probe(call, target, logger);
  const budget = new ObjectBudget(maxObjects);
  const listed = await listAll(
    withNodes ? [nodeKind, ...clusterKinds] : clusterKinds,
    { call, target, pageSize, budget, logger },
    concurrency,
    stopper
  );
  const results = withNodes ? listed.slice(1) : listed;
  refuseEmpty(results, target);
  await awsAuthAlone(results, call, target, logger);
  const notes = results.flatMap((result) => result.notes);
  const cut = clusterKinds.filter((_spec, index) => results[index]?.complete === false);
  if (cut.length > 0) {
    const kinds = cut.map((spec) => spec.resource).join(', ');
    notes.push(`stopped at the limit of ${maxObjects} objects: ${kinds} incomplete or not read`);
  }
  const objects = results.flatMap((result) => result.objects.map((object) => ({ object })));
  const incompleteKinds = clusterKinds
    .filter((_spec, index) => {
      const result = results[index];
      return result === undefined || result.leftOut !== undefined || !result.complete;
    })
    .map((spec) => spec.kind);
  return {
    snapshot: snapshotOf(`cluster: ${target.context} (${target.server})`, objects, notes),
    ...(withNodes ? nodesFrom(listed[0]) : { nodes: undefined }),
    incompleteKinds,
  };
}

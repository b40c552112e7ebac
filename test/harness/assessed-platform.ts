/**
 * `palisade serve` in this process with one cluster behind the Kubernetes API double, added
 * through the API and assessed once: what the dashboard's browser tests start from.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminTokenFrom, apiClient, type ApiOptions } from './browser.js';
import { startKubeApiDouble, type KubeApiDouble, type StoredObject } from './kube-api-double.js';
import { eventually, serveInProcess, type ServingPlatform } from './serve-in-process.js';

export interface AssessedPlatform {
  platform: ServingPlatform;
  cluster: KubeApiDouble;
  /** The id the API gave the cluster. */
  clusterId: string;
  /** Its audit webhook, as `POST /clusters` answered (the token is shown once). */
  auditWebhook: { path: string; token: string };
  adminToken: string;
  /** A scratch folder removed by `stop`. */
  work: string;
  api: <T>(path: string, init?: ApiOptions) => Promise<T>;
  stop(): Promise<void>;
}

export async function startAssessedPlatform(options: {
  /** The objects the cluster's API serves. */
  objects: readonly StoredObject[];
  clusterName?: string;
}): Promise<AssessedPlatform> {
  const work = await mkdtemp(join(tmpdir(), 'palisade-assessed-'));
  const kubeToken = 'assessed-platform-kube-token';
  const cluster = await startKubeApiDouble({
    token: kubeToken,
    objects: options.objects,
  });
  let platform: ServingPlatform | undefined;
  try {
    platform = await serveInProcess(['--data-dir', join(work, 'data')], {
      PALISADE_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'),
    });
    const adminToken = adminTokenFrom(platform.said());
    const serving = platform;
    const api = apiClient(
      () => serving.url,
      () => adminToken
    );
    const created = await api<{ id: string; auditWebhook: { path: string; token: string } }>(
      '/api/v1/clusters',
      {
        method: 'POST',
        body: {
          name: options.clusterName ?? 'prod-eu',
          config: { kubeconfigData: cluster.kubeconfig() },
        },
      }
    );
    await eventually(async () => {
      const runs = await api<{ items: { status: string }[] }>(
        `/api/v1/clusters/${created.id}/assessments`
      );
      return runs.items[0]?.status === 'succeeded' ? true : undefined;
    }, 'the first assessment');
    return {
      platform: serving,
      cluster,
      clusterId: created.id,
      auditWebhook: created.auditWebhook,
      adminToken,
      work,
      api,
      async stop() {
        await serving.stop();
        await cluster.stop();
        await rm(work, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await platform?.stop();
    await cluster.stop();
    await rm(work, { recursive: true, force: true });
    throw error;
  }
}

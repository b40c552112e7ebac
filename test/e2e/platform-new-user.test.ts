/**
 * A new user's path through the platform, over real HTTP against `palisade serve` on its
 * embedded defaults (SQLite, in-process queue and worker): the first-start admin token, tokens
 * for an operator and a reader, a real registry whose image is scanned into findings, a cluster
 * (the HTTPS API server double, reached through an inline kubeconfig) assessed into
 * recommendations, nodes and metering, an audit batch through the cluster's webhook into
 * alerts, and the secure score moving when an alert is dismissed. Wrong tokens, low roles and
 * bad bodies are refused on the way.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromRecords, fixedIn, recordItem } from '../harness/advisory-db.js';
import { auditEvent } from '../harness/audit-events.js';
import { startKubeApiDouble, type KubeApiDouble } from '../harness/kube-api-double.js';
import { LayoutWriter } from '../harness/oci-builder.js';
import { pushOciLayout, startRegistry, type TestRegistry } from '../harness/registry.js';
import { eventually, serveInProcess, type ServingPlatform } from '../harness/serve-in-process.js';

const kubeToken = `kube-${randomBytes(8).toString('hex')}`;
const secretKey = randomBytes(32).toString('base64');
let work = '';
let advisoryDb = '';
let registry: TestRegistry | undefined;
let cluster: KubeApiDouble | undefined;
let platform: ServingPlatform | undefined;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'palisade-new-user-'));
  registry = await startRegistry({ auth: 'htpasswd' });
  const layout = new LayoutWriter(join(work, 'layout'));
  await layout.tag('web', {
    layers: [
      { entries: [{ name: 'etc/os-release', content: 'ID=alpine\nVERSION_ID=3.20.3\n' }] },
      {
        entries: [
          {
            name: 'lib/apk/db/installed',
            content: 'P:busybox\nV:1.36.1-r29\nA:x86_64\no:busybox\nL:GPL-2.0-only\n',
          },
        ],
      },
    ],
  });
  await pushOciLayout(layout.dir, 'shop/web:1.0', registry, { layoutTag: 'web' });
  advisoryDb = join(work, 'advisories.db');
  await buildFromRecords(
    advisoryDb,
    [
      recordItem({
        ...fixedIn('CVE-2023-42366', 'Alpine:v3.20', 'busybox', '1.36.1-r30'),
        // 9.8: critical, so the image counts as unhealthy in the score.
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      }),
    ],
    work
  );
  cluster = await startKubeApiDouble({
    token: kubeToken,
    objects: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'ip-10-0-0-1' },
        status: { capacity: { cpu: '4' } },
      },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          containers: [
            {
              name: 'web',
              image: `${registry.host}/shop/web:1.0`,
              securityContext: { privileged: true },
            },
          ],
        },
      },
    ],
  });
});

afterAll(async () => {
  await platform?.stop();
  await cluster?.stop();
  await registry?.stop();
  await rm(work, { recursive: true, force: true });
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${platform?.url ?? ''}${path}`, {
    method,
    headers: {
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function itemsOf<T>(answer: Answer): T[] {
  expect(answer.status).toBe(200);
  return answer.body['items'] as T[];
}

function fieldOf(answer: Answer): string | undefined {
  return (answer.body['error'] as { field?: string } | undefined)?.field;
}

interface Control {
  id: string;
  healthy: number;
  unhealthy: number;
}

describe("a new user's path through palisade serve", () => {
  it('scans a registry, assesses a cluster, judges its audit log, and scores it', async () => {
    platform = await serveInProcess(
      ['--data-dir', join(work, 'data'), '--advisory-db', advisoryDb],
      { PALISADE_SECRET_KEY: secretKey }
    );
    const admin = /admin API token \(shown once; it is stored hashed\): (\S+)/.exec(
      platform.said()
    )?.[1];
    expect(admin).toMatch(/^pal_/);
    const adminToken = admin ?? '';

    // Tokens for the people who will use it; only an admin may make them.
    const operator = await call('POST', '/api/v1/tokens', adminToken, {
      name: 'ops',
      role: 'operator',
    });
    expect(operator.status).toBe(201);
    const operatorToken = operator.body['token'] as string;
    const reader = await call('POST', '/api/v1/tokens', adminToken, {
      name: 'auditor',
      role: 'reader',
    });
    const readerToken = reader.body['token'] as string;
    expect(
      (await call('POST', '/api/v1/tokens', operatorToken, { name: 'x', role: 'admin' })).status
    ).toBe(403);
    expect((await call('GET', '/api/v1/images')).status).toBe(401);
    expect((await call('GET', '/api/v1/images', 'pal_not-a-token')).status).toBe(401);

    // The registry: a reader may not add it, a body without a URL names the field.
    const registryBody = {
      name: 'local',
      url: `http://${registry?.host ?? ''}`,
      username: registry?.username,
      password: registry?.password,
    };
    expect((await call('POST', '/api/v1/registries', readerToken, registryBody)).status).toBe(403);
    const noUrl = await call('POST', '/api/v1/registries', operatorToken, { name: 'local' });
    expect(noUrl.status).toBe(400);
    expect(fieldOf(noUrl)).toBe('url');
    const added = await call('POST', '/api/v1/registries', operatorToken, registryBody);
    expect(added.status).toBe(201);
    expect(JSON.stringify(added.body)).not.toContain(registry?.password ?? '-');

    // Scanned on add: the image, its SBOM-backed findings, worst first.
    const image = await eventually(async () => {
      const [found] = itemsOf<{ id: string; repository: string; tags: string[] }>(
        await call('GET', '/api/v1/images', readerToken)
      );
      if (found === undefined) {
        return undefined;
      }
      const detail = await call('GET', `/api/v1/images/${found.id}`, readerToken);
      const lastScan = detail.body['lastScan'] as { status?: string } | undefined;
      return lastScan?.status === 'done' ? found : undefined;
    }, 'the image to be scanned');
    expect(image).toMatchObject({ repository: 'shop/web', tags: ['1.0'] });
    const registryId = added.body['id'] as string;
    const repositories = itemsOf<{ repository: string; images: number }>(
      await call('GET', `/api/v1/registries/${registryId}/repositories`, readerToken)
    );
    expect(repositories).toEqual([expect.objectContaining({ repository: 'shop/web', images: 1 })]);
    const findings = itemsOf<{ vulnerabilityId: string; imageId: string; severity: string }>(
      await call('GET', `/api/v1/findings?image=${image.id}`, readerToken)
    );
    expect(findings).toEqual([
      expect.objectContaining({ vulnerabilityId: 'CVE-2023-42366', severity: 'critical' }),
    ]);

    // The cluster, through a self-contained kubeconfig that is sealed at rest.
    const badConfig = await call('POST', '/api/v1/clusters', operatorToken, {
      name: 'prod',
      config: { kubeconfig: 'relative/kubeconfig' },
    });
    expect(badConfig.status).toBe(400);
    expect(fieldOf(badConfig)).toBe('config.kubeconfig');
    const created = await call('POST', '/api/v1/clusters', operatorToken, {
      name: 'prod',
      config: { kubeconfigData: cluster?.kubeconfig() },
    });
    expect(created.status).toBe(201);
    const clusterId = created.body['id'] as string;
    const webhook = created.body['auditWebhook'] as { path: string; token: string };
    const shown = await call('GET', `/api/v1/clusters/${clusterId}`, readerToken);
    expect(JSON.stringify(shown.body)).not.toContain(kubeToken);

    // Assessed on add: a failing recommendation for the privileged pod, the node's vCPUs.
    await eventually(async () => {
      const [run] = itemsOf<{ status: string }>(
        await call('GET', `/api/v1/clusters/${clusterId}/assessments`, readerToken)
      );
      return run?.status === 'succeeded' ? run : undefined;
    }, 'the first assessment');
    const recommendations = itemsOf<{ check: string; status: string; resource: { name: string } }>(
      await call('GET', `/api/v1/recommendations?cluster=${clusterId}&status=fail`, readerToken)
    );
    expect(recommendations).toContainEqual(
      expect.objectContaining({
        check: 'pss-privileged',
        resource: expect.objectContaining({ name: 'web' }) as unknown,
      })
    );
    const nodes = await call('GET', `/api/v1/clusters/${clusterId}/nodes`, readerToken);
    expect(nodes.body['vcpus']).toBe(4);
    const today = new Date().toISOString().slice(0, 10);
    const metering = itemsOf<{ day: string; vcores: number }>(
      await call(
        'GET',
        `/api/v1/metering?cluster=${clusterId}&from=${today}&to=${today}`,
        readerToken
      )
    );
    expect(metering).toEqual([expect.objectContaining({ day: today, vcores: 4 })]);

    // An audit batch through the cluster's own webhook, and the alert it raises.
    const exec = auditEvent({
      verb: 'create',
      stage: 'ResponseStarted',
      level: 'Metadata',
      objectRef: {
        resource: 'pods',
        subresource: 'exec',
        namespace: 'kube-system',
        name: 'aws-node-7xk2p',
        apiVersion: 'v1',
      },
      requestURI:
        '/api/v1/namespaces/kube-system/pods/aws-node-7xk2p/exec?command=sh&stdin=true&tty=true',
      responseStatus: { code: 101 },
    });
    const batch = { kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [exec] };
    expect((await call('POST', webhook.path, readerToken, batch)).status).toBe(401);
    const posted = await call('POST', webhook.path, webhook.token, batch);
    expect(posted.status).toBe(200);
    const { raised, alert } = await eventually(async () => {
      const items = itemsOf<{ id: string; rule: string; status: string }>(
        await call('GET', `/api/v1/alerts?cluster=${clusterId}`, readerToken)
      );
      const exec = items.find((item) => item.rule === 'exec-in-kube-system');
      return exec === undefined ? undefined : { raised: items, alert: exec };
    }, 'the exec alert');
    expect(alert.status).toBe('new');

    // The score sees the failing check, the vulnerable image the pod runs, and the open alert.
    const scoreOf = async (): Promise<{ score: number; controls: Control[] }> => {
      const answer = await call('GET', `/api/v1/clusters/${clusterId}/score`, readerToken);
      expect(answer.status).toBe(200);
      return answer.body as { score: number; controls: Control[] };
    };
    const before = await scoreOf();
    expect(before.controls).toContainEqual(
      expect.objectContaining({ id: 'posture:pss-privileged', unhealthy: 1 })
    );
    expect(before.controls).toContainEqual({
      id: 'images',
      max: 10,
      earned: 0,
      healthy: 0,
      unhealthy: 1,
    });
    expect(before.controls).toContainEqual(
      expect.objectContaining({ id: 'alerts', unhealthy: raised.length })
    );

    const alertPath = `/api/v1/alerts/${encodeURIComponent(alert.id)}`;
    expect(
      (await call('PATCH', alertPath, readerToken, { status: 'dismissed', reason: 'x' })).status
    ).toBe(403);
    const noReason = await call('PATCH', alertPath, operatorToken, { status: 'dismissed' });
    expect(noReason.status).toBe(400);
    expect(fieldOf(noReason)).toBe('reason');
    const dismissed = await call('PATCH', alertPath, operatorToken, {
      status: 'dismissed',
      reason: 'break-glass session, ticket OPS-88',
    });
    expect(dismissed.status).toBe(200);
    const after = await scoreOf();
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.controls).toContainEqual(
      expect.objectContaining({ id: 'alerts', unhealthy: raised.length - 1 })
    );
    const overall = await call('GET', '/api/v1/score', readerToken);
    expect((overall.body['overall'] as { score: number }).score).toBeLessThan(100);
  });
});

/**
 * `palisade detect audit` and `detect serve` end to end: real-shaped audit logs in the shapes EKS
 * and the API server write them (JSON lines, EventList, gzip'd CloudWatch subscription payloads),
 * hostile inputs among them, and the API server's webhook over real HTTPS.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Alert } from '../../src/core/alert.js';
import type { DetectionReport } from '../../src/detect/report.js';
import {
  auditEvent,
  createEvent,
  deploymentObject,
  podObject,
  serviceAccountUser,
} from '../harness/audit-events.js';
import { runCli, runCliWithStdout } from '../harness/cli.js';
import { makeServingCertificate } from '../harness/kube-api-double.js';

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'palisade-detect-e2e-'));
});

function file(name: string, content: string | Buffer): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

const privileged = createEvent(
  'deployments',
  deploymentObject(
    'miner',
    'shop',
    {},
    {
      image: 'docker.io/xmrig/xmrig:6.21.0',
      securityContext: { privileged: true },
    }
  )
);
const execKubeSystem = auditEvent({
  verb: 'create',
  stage: 'ResponseStarted',
  responseStatus: { code: 101 },
  objectRef: { resource: 'pods', subresource: 'exec', namespace: 'kube-system', name: 'coredns-1' },
  requestURI: '/api/v1/namespaces/kube-system/pods/coredns-1/exec?command=sh&stdin=true&tty=true',
});
const benign = auditEvent({ verb: 'get', user: serviceAccountUser('shop', 'web') });
const plainPod = createEvent('pods', podObject('web', 'shop'));

function rules(report: DetectionReport): string[] {
  return [...new Set(report.alerts.map((alert) => alert.rule))].sort();
}

describe('palisade detect audit', () => {
  it('judges JSON lines, an EventList and Firehose payloads, and counts what it cannot read', async () => {
    const lines = file(
      'audit.log',
      [
        JSON.stringify(privileged),
        '{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"trunc',
        JSON.stringify({ ...benign, apiVersion: 'audit.k8s.io/v1beta1' }),
        JSON.stringify(
          createEvent('configmaps', {
            kind: 'ConfigMap',
            metadata: { name: 'big', namespace: 'shop' },
            data: { blob: 'x'.repeat(300_000) },
          })
        ),
        JSON.stringify(benign),
        JSON.stringify(execKubeSystem),
        JSON.stringify(execKubeSystem),
      ].join('\n') + '\n'
    );
    const list = file(
      'eventlist.json',
      JSON.stringify({
        kind: 'EventList',
        apiVersion: 'audit.k8s.io/v1',
        items: [plainPod, privileged],
      })
    );
    const payload = (events: unknown[]) =>
      gzipSync(
        JSON.stringify({
          messageType: 'DATA_MESSAGE',
          owner: '111122223333',
          logGroup: '/aws/eks/prod-eu/cluster',
          logStream: 'kube-apiserver-audit-0a1b2c',
          subscriptionFilters: ['palisade'],
          logEvents: events.map((event, index) => ({
            id: String(index),
            timestamp: 1_790_000_000_000 + index,
            message: JSON.stringify(event),
          })),
        })
      );
    const firehose = file(
      'firehose.gz',
      Buffer.concat([payload([privileged]), payload([execKubeSystem])])
    );

    const { code, stdout, stderr } = await runCliWithStdout([
      'detect',
      'audit',
      lines,
      list,
      firehose,
      '--format',
      'json',
      '--max-event-size',
      '200000',
      '--cluster',
      'dev',
      '--miner-images',
      file('miners.txt', 'xmrig/xmrig\n'),
    ]);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as DetectionReport;
    expect(report.schemaVersion).toBe(1);
    expect(rules(report)).toEqual(
      expect.arrayContaining([
        'exec-in-kube-system',
        'miner-image',
        'pod-exec',
        'privileged-container',
      ])
    );
    const miner = report.alerts.filter((alert: Alert) => alert.rule === 'miner-image');
    // The same create in two clusters: the file's and the one the log group names.
    expect(miner.map((alert) => [alert.cluster, alert.count]).sort()).toEqual([
      ['dev', 1],
      ['prod-eu', 1],
    ]);
    expect(miner[0]?.mitre).toContain('T1496');
    expect(miner[0]?.equivalents.defender).toBe('K8S_MaliciousContainerImage');
    expect(report.stats.skipped).toMatchObject({ 'wrong-api-version': 1, duplicate: 2 });
    expect(report.stats.problems).toMatchObject({ 'too-large': 1 });
    expect(
      (report.stats.problems['truncated-json'] ?? 0) + (report.stats.problems['not-json'] ?? 0)
    ).toBe(1);
    expect(report.problems.some((problem) => problem.origin.startsWith(lines))).toBe(true);
  });

  it('exits 1 over --exit-code, and renders a table naming who and what', async () => {
    const log = file('one.log', `${JSON.stringify(privileged)}\n`);
    const { code, stdout } = await runCliWithStdout([
      'detect',
      'audit',
      log,
      '--exit-code',
      'high',
      '--miner-images',
      file('miners2.txt', 'xmrig/xmrig\n'),
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('[miner-image]');
    expect(stdout).toContain('arn:aws:sts::111122223333:assumed-role/Admin/alice');
    expect(stdout).toContain('deployments shop/miner');
  });

  it('refuses a missing file, a bad flag and a file with no audit event in it (exit 2)', async () => {
    const missing = await runCli(['detect', 'audit', join(work, 'nope.log')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.log');

    const window = await runCli([
      'detect',
      'audit',
      file('x.log', ''),
      '--learning-window',
      'soon',
    ]);
    expect(window.code).toBe(2);
    expect(window.stderr).toContain('--learning-window');

    const junk = await runCliWithStdout([
      'detect',
      'audit',
      file('junk.log', 'not json\nstill not\n'),
    ]);
    expect(junk.code).toBe(2);
    expect(junk.stderr).toContain('no audit event');
  });

  it('stops a gzip bomb in a subscription payload and reads the next file', async () => {
    const bomb = file('bomb.gz', gzipSync(Buffer.alloc(1100 * 1024 * 1024, 32), { level: 1 }));
    const next = file('next.log', `${JSON.stringify(privileged)}\n`);
    const { code, stdout } = await runCliWithStdout(['detect', 'audit', bomb, next, '-f', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as DetectionReport;
    expect(report.stats.problems['gzip-bomb']).toBe(1);
    expect(rules(report)).toContain('privileged-container');
  }, 120_000);
});

describe('palisade detect serve', () => {
  let tls: { keyPem: string; certPem: string };
  const stopper = new AbortController();
  let done: Promise<number>;
  let url: string;
  let alertsFile: string;

  beforeAll(async () => {
    tls = await makeServingCertificate();
    alertsFile = join(work, 'alerts.jsonl');
    const stderr = new PassThrough();
    let said = '';
    const listening = new Promise<string>((resolve) => {
      stderr.on('data', (chunk: Buffer) => {
        said += chunk.toString('utf8');
        const found = /listening on (\S+)/.exec(said);
        if (found?.[1]) {
          resolve(found[1]);
        }
      });
    });
    done = main(
      [
        'detect',
        'serve',
        '--listen',
        '127.0.0.1:0',
        '--tls-cert',
        file('tls.crt', tls.certPem),
        '--tls-key',
        file('tls.key', tls.keyPem),
        '--token-file',
        file('token', 'webhook-token\n'),
        '--alerts',
        alertsFile,
        '--flush',
        '1s',
      ],
      {
        env: { HOME: '/nonexistent' },
        stdin: new PassThrough(),
        stdout: new PassThrough() as unknown as NodeJS.WriteStream,
        stderr: stderr as unknown as NodeJS.WriteStream,
        stop: stopper.signal,
      }
    );
    url = await listening;
  });

  afterAll(() => {
    stopper.abort();
  });

  function post(body: string, token = 'webhook-token'): Promise<number> {
    return new Promise((resolve, reject) => {
      const target = new URL(url);
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: '/audit',
          method: 'POST',
          ca: tls.certPem,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        }
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('takes EventList batches over HTTPS, refuses a wrong token, and writes alerts as JSON lines', async () => {
    const batch = JSON.stringify({
      kind: 'EventList',
      apiVersion: 'audit.k8s.io/v1',
      items: [privileged, execKubeSystem, benign],
    });
    expect(await post(batch, 'wrong')).toBe(401);
    expect(await post(batch)).toBe(200);
    expect(await post('{"kind":"EventList","items":[')).toBe(400);

    stopper.abort();
    expect(await done).toBe(0);
    const { readFileSync } = await import('node:fs');
    const alerts = readFileSync(alertsFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Alert);
    expect(alerts.map((alert) => alert.rule)).toEqual(
      expect.arrayContaining(['privileged-container', 'exec-in-kube-system', 'pod-exec'])
    );
    // The benign read raised nothing: every alert is about the two hostile events.
    expect(
      alerts.every((alert) =>
        [privileged.auditID, execKubeSystem.auditID].includes(alert.evidence.auditIDs[0] ?? '')
      )
    ).toBe(true);
  });
});

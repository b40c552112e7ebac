import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mitreTechnique } from '../../core/mitre.js';
import type { AddressInfo } from 'node:net';
import type { Alert } from '../../core/alert.js';
import type { StoredAlert } from '../store/index.js';
import type { NotifyMessage } from './types.js';

/** Values an audited cluster controls, made to break every format at once. */
export const hostile = {
  username: 'evil|user=x\\y\nCEF:0|forged|line <!channel> & co',
  name: 'pod|a=b\\c\r\nnext',
  message: 'created <https://evil.example|click> with a=b | c \\ d\nsecond line',
};

export function sampleMessage(overrides: Partial<NotifyMessage> = {}): NotifyMessage {
  const engine: Alert = {
    id: 'abc',
    rule: 'privileged-container',
    kind: 'rule',
    title: 'Privileged container created',
    severity: 'high',
    mitre: ['T1610', 'T1611'],
    equivalents: {},
    message: hostile.message,
    cluster: 'c1',
    identity: { username: hostile.username, groups: ['system:authenticated', 'dev|ops'] },
    sourceIPs: ['203.0.113.9', '10.0.0.7'],
    userAgent: 'kubectl/v1.30.0',
    object: { resource: 'pods', namespace: 'shop', name: hostile.name },
    evidence: { auditIDs: ['a1'], fields: {} },
    firstSeen: '2025-01-31T12:00:00.000Z',
    lastSeen: '2025-01-31T12:05:00.000Z',
    count: 3,
  };
  const alert: StoredAlert = {
    id: 'c1:abc',
    clusterId: 'c1',
    rule: engine.rule,
    severity: engine.severity,
    status: 'new',
    count: 3,
    firstSeen: engine.firstSeen,
    lastSeen: engine.lastSeen,
    updatedAt: engine.lastSeen,
    techniques: engine.mitre.map(mitreTechnique),
    alert: engine,
  };
  return {
    type: 'alert',
    alert,
    clusterName: 'prod',
    link: 'https://palisade.example/api/v1/alerts/c1%3Aabc',
    version: '1.2.3',
    sentAt: '2025-01-31T12:06:00.000Z',
    ...overrides,
  };
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpReceiver {
  url: string;
  received: ReceivedRequest[];
  /** What requests get: a status, and optionally headers and a body. */
  answer: { status: number; headers?: Record<string, string>; body?: string };
  /** Statuses for the next requests, one each, before `answer` applies again. */
  script: number[];
  close(): Promise<void>;
}

/** A real HTTP server on a loopback port that keeps every request it gets. */
export async function startHttpReceiver(): Promise<HttpReceiver> {
  const received: ReceivedRequest[] = [];
  const receiver: HttpReceiver = {
    url: '',
    received,
    answer: { status: 200 },
    script: [],
    close: () => Promise.resolve(),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const scripted = receiver.script.shift();
      if (scripted !== undefined) {
        response.writeHead(scripted).end();
        return;
      }
      response.writeHead(receiver.answer.status, receiver.answer.headers ?? {});
      response.end(receiver.answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

import { describe, expect, it } from 'vitest';
import type { Alert } from '../../core/alert.js';
import type { DetectionReport } from '../report.js';
import { format as json } from './json/index.js';
import { format as table } from './table/index.js';

const alert: Alert = {
  id: '0123456789abcdef',
  rule: 'anonymous-request',
  kind: 'rule',
  title: 'Successful anonymous API request',
  severity: 'high',
  mitre: ['T1078.001'],
  equivalents: {
    guardduty: [
      'CredentialAccess:Kubernetes/SuccessfulAnonymousAccess',
      'Discovery:Kubernetes/SuccessfulAnonymousAccess',
    ],
    falco: 'Anonymous Request Allowed',
  },
  message: 'An unauthenticated caller was allowed to list pods.',
  cluster: 'prod',
  identity: { username: 'system:anonymous', groups: ['system:unauthenticated'] },
  sourceIPs: ['198.51.100.7'],
  userAgent: 'curl/8.5.0',
  object: { resource: 'pods', namespace: 'shop' },
  evidence: {
    auditIDs: ['a1', 'a2'],
    fields: { guarddutyFinding: 'Discovery:Kubernetes/SuccessfulAnonymousAccess' },
  },
  firstSeen: '2026-11-02T09:00:00.000000Z',
  lastSeen: '2026-11-02T09:05:00.000000Z',
  count: 2,
};

const report: DetectionReport = {
  schemaVersion: 1,
  tool: { name: 'palisade', version: '0.1.0' },
  createdAt: '2026-11-02T10:00:00.000Z',
  sources: ['audit.log'],
  stats: {
    received: 12,
    judged: 9,
    skipped: { duplicate: 2, 'wrong-api-version': 1 },
    problems: { 'truncated-json': 1 },
    alerts: 1,
    alertsDropped: 0,
    suppressed: [{ origin: 'x.yaml#1', reason: 'on-call debugging', count: 3 }],
  },
  problems: [
    {
      reason: 'truncated-json',
      origin: 'audit.log:12',
      detail: 'the input ends inside a JSON value',
    },
  ],
  notes: ['exception x.yaml#2 expired on 2026-10-01; it no longer applies'],
  alerts: [alert],
};

describe('detection formats', () => {
  it('table: a summary, each alert with who, what, where from and its mappings, then what was not read', () => {
    const text = table.render(report, { color: false });
    expect(text.split('\n').slice(0, 5)).toEqual([
      'Sources     audit.log',
      'Events      12 read, 9 requests judged; skipped: 2 duplicate, 1 wrong-api-version',
      'Problems    1 truncated-json',
      'Alerts      1 (3 match(es) suppressed by exceptions)',
      '',
    ]);
    expect(text).toContain('HIGH  Successful anonymous API request [anonymous-request] ×2');
    expect(text).toContain('  object   pods in shop   cluster prod');
    expect(text).toContain('  from     198.51.100.7   agent curl/8.5.0');
    expect(text).toContain(
      'same as Discovery:Kubernetes/SuccessfulAnonymousAccess, Falco "Anonymous Request Allowed"'
    );
    expect(text).toContain('  audit.log:12: truncated-json: the input ends inside a JSON value');
    expect(text).toContain('  3 by x.yaml#1: on-call debugging');
    expect(text).toContain('exception x.yaml#2 expired');
    expect(text).not.toContain('\u001b[');
    expect(table.render(report, { color: true })).toContain('\u001b[31mHIGH\u001b[0m');
  });

  it('json: the report as it is, versioned', () => {
    expect(JSON.parse(json.render(report, { color: false }))).toEqual(report);
  });
});

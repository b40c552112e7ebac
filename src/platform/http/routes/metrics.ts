import type { FastifyInstance } from 'fastify';
import { queueTopics } from '../../queue/index.js';
import type { ApiContext } from '../context.js';
import { gauge, labelledGauge } from '../metrics.js';

interface Sample {
  labels: Record<string, string>;
  value: number;
}

function samples(rows: readonly { key: string; n: number | string | bigint }[], name: string) {
  return rows
    .map((row): Sample => ({ labels: { [name]: row.key }, value: Number(row.n) }))
    .sort((a, b) => (a.labels[name] ?? '').localeCompare(b.labels[name] ?? ''));
}

/**
 * Prometheus text: requests by route and status with their latencies, the depth of every queue
 * topic, and what the store holds (alerts and scans by status, open findings by severity,
 * failing recommendations by severity). Store figures are the whole platform's, not this
 * process's, so any server answers the same.
 */
export function metricsRoutes(app: FastifyInstance, { store, queue, requests }: ApiContext): void {
  async function storeCounts(): Promise<Sample[][]> {
    const { db } = store;
    const countAll = db.fn.countAll<number>().as('n');
    const [alerts, scans, findings, recommendations] = await Promise.all([
      db.selectFrom('alerts').select(['status as key', countAll]).groupBy('status').execute(),
      db.selectFrom('scans').select(['status as key', countAll]).groupBy('status').execute(),
      db
        .selectFrom('findings')
        .where('fixed_at', 'is', null)
        .select(['severity as key', countAll])
        .groupBy('severity')
        .execute(),
      db
        .selectFrom('recommendations')
        .where('status', '=', 'fail')
        .select(['severity as key', countAll])
        .groupBy('severity')
        .execute(),
    ]);
    return [
      samples(alerts, 'status'),
      samples(scans, 'status'),
      samples(findings, 'severity'),
      samples(recommendations, 'severity'),
    ];
  }

  app.get(
    '/metrics',
    { config: { access: 'reader' }, schema: { summary: 'Prometheus metrics' } },
    async (_request, reply) => {
      const depths = await Promise.all(
        queueTopics.map(async (topic) => ({ labels: { topic }, value: await queue.depth(topic) }))
      );
      const auditDepth = depths.find((depth) => depth.labels.topic === 'audit-events')?.value ?? 0;
      const [alerts = [], scans = [], findings = [], recommendations = []] = await storeCounts();
      const lines = [
        ...requests.lines(),
        ...labelledGauge(
          'palisade_queue_depth',
          'Jobs published and not yet finished, by topic.',
          depths
        ),
        // Kept from before the per-topic gauge, for dashboards that read it.
        ...gauge(
          'palisade_queue_depth_audit_events',
          'Audit batches published and not yet finished.',
          auditDepth
        ),
        ...gauge(
          'palisade_alerts_stored',
          'Alerts in the store.',
          alerts.reduce((sum, sample) => sum + sample.value, 0)
        ),
        ...labelledGauge('palisade_alerts', 'Alerts in the store, by status.', alerts),
        ...labelledGauge('palisade_scans', 'Image scans in the store, by status.', scans),
        ...labelledGauge(
          'palisade_findings_open',
          'Vulnerability findings not fixed, by severity.',
          findings
        ),
        ...labelledGauge(
          'palisade_recommendations_failing',
          'Posture recommendations failing, by severity.',
          recommendations
        ),
      ];
      return reply.type('text/plain; version=0.0.4; charset=utf-8').send(`${lines.join('\n')}\n`);
    }
  );
}

import type { FastifyInstance } from 'fastify';
import { alertSeverityOrder, type AlertSeverity } from '../../../core/alert.js';
import type { AlertSort, AlertStatus } from '../../store/index.js';
import { alertSorts, alertStatuses, maxPageSize } from '../../store/index.js';
import { callerName } from '../caller.js';
import { base, idParams, type ApiContext } from '../context.js';
import { pageOf, storedAlertSchema } from '../response-schemas.js';
import { HttpError } from '../errors.js';

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    cluster: { type: 'string', minLength: 1, maxLength: 512 },
    status: {
      type: 'string',
      pattern: `^(${alertStatuses.join('|')})(,(${alertStatuses.join('|')}))*$`,
      description: 'one status, or several comma-separated (`new,in_progress`)',
    },
    severity: { type: 'string', enum: [...alertSeverityOrder] },
    rule: { type: 'string', minLength: 1, maxLength: 256 },
    assignee: {
      type: 'string',
      minLength: 1,
      maxLength: 256,
      description: 'alerts assigned to this name; `-` for the unassigned ones',
    },
    sort: { type: 'string', enum: [...alertSorts] },
    order: { type: 'string', enum: ['asc', 'desc'] },
    limit: { type: 'string', pattern: '^[0-9]{1,4}$', description: `1 to ${maxPageSize}` },
    cursor: { type: 'string', minLength: 1, maxLength: 2048 },
  },
} as const;

interface ListQuery {
  cluster?: string;
  /** Checked by the pattern above: statuses, comma-separated. */
  status?: string;
  severity?: AlertSeverity;
  rule?: string;
  assignee?: string;
  sort?: AlertSort;
  order?: 'asc' | 'desc';
  limit?: string;
  cursor?: string;
}

const alertChange = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: [...alertStatuses] },
    reason: { type: 'string', minLength: 1, maxLength: 2048 },
    assignee: {
      type: ['string', 'null'],
      minLength: 1,
      maxLength: 256,
      description: 'who works on it (a person or team); null unassigns',
    },
  },
} as const;

interface AlertChange {
  status?: AlertStatus;
  reason?: string;
  assignee?: string | null;
}

const trendQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    days: {
      type: 'string',
      pattern: '^[0-9]{1,3}$',
      description: 'how many UTC days back, today included: 1 to 365 (30 by default)',
    },
    cluster: { type: 'string', minLength: 1, maxLength: 512 },
  },
} as const;

const dayMs = 24 * 60 * 60 * 1000;

export function alertRoutes(app: FastifyInstance, { store }: ApiContext): void {
  app.get<{ Querystring: ListQuery }>(
    `${base}/alerts`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'List alerts; pass `next` back as `cursor` for the next page',
        response: { 200: pageOf(storedAlertSchema) },
        querystring: listQuery,
      },
    },
    async (request) => {
      const { cluster, limit, status, assignee, ...query } = request.query;
      const page = await store.alerts.list({
        ...query,
        ...(assignee !== undefined ? { assignee: assignee === '-' ? null : assignee } : {}),
        ...(status !== undefined ? { status: status.split(',') as AlertStatus[] } : {}),
        ...(cluster !== undefined ? { clusterId: cluster } : {}),
        ...(limit !== undefined ? { limit: Number(limit) } : {}),
      });
      return {
        items: page.items,
        ...(page.nextCursor !== undefined ? { next: page.nextCursor } : {}),
      };
    }
  );

  app.get<{ Params: { id: string } }>(
    `${base}/alerts/:id`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'Get an alert',
        params: idParams,
        response: { 200: storedAlertSchema },
      },
    },
    async (request) => await store.alerts.get(request.params.id)
  );

  app.get<{ Params: { id: string } }>(
    `${base}/alerts/:id/events`,
    {
      config: { access: 'reader' },
      schema: {
        summary:
          'The raw audit events behind an alert (its first 20), with Secret and ConfigMap values, literal env values and last-applied configurations redacted',
        params: idParams,
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['auditId', 'receivedAt', 'event'],
                  properties: {
                    auditId: { type: 'string' },
                    receivedAt: { type: 'string', format: 'date-time' },
                    event: { type: 'object', additionalProperties: true },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const alert = await store.alerts.get(request.params.id);
      return { items: await store.alertEvents.list(alert.id) };
    }
  );

  app.get<{ Querystring: { days?: string; cluster?: string } }>(
    `${base}/alerts/trend`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'New alerts per UTC day by severity, for the last `days` days',
        querystring: trendQuery,
        response: {
          200: {
            type: 'object',
            required: ['from', 'days'],
            properties: {
              from: { type: 'string', format: 'date' },
              days: {
                type: 'array',
                description: 'days with at least one new alert, oldest first',
                items: {
                  type: 'object',
                  required: ['day', 'counts'],
                  properties: {
                    day: { type: 'string', format: 'date' },
                    counts: {
                      type: 'object',
                      additionalProperties: false,
                      properties: Object.fromEntries(
                        alertSeverityOrder.map((severity) => [severity, { type: 'integer' }])
                      ),
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const days = Number(request.query.days ?? '30');
      if (days < 1 || days > 365) {
        throw new HttpError(400, 'bad_request', 'days: 1 to 365', 'days');
      }
      const from = new Date(Date.now() - (days - 1) * dayMs).toISOString().slice(0, 10);
      const cluster = request.query.cluster;
      return {
        from,
        days: await store.alerts.trend({
          from,
          ...(cluster !== undefined ? { clusterId: cluster } : {}),
        }),
      };
    }
  );

  app.patch<{ Params: { id: string }; Body: AlertChange }>(
    `${base}/alerts/:id`,
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Change an alert’s status (dismissing needs a reason) or who it is assigned to',
        response: { 200: storedAlertSchema },
        params: idParams,
        body: alertChange,
      },
    },
    async (request) => {
      const { status, reason, assignee } = request.body;
      if (status === 'dismissed' && (reason === undefined || reason.trim() === '')) {
        throw new HttpError(400, 'bad_request', 'reason: required to dismiss an alert', 'reason');
      }
      if (status === undefined && assignee === undefined) {
        throw new HttpError(
          400,
          'bad_request',
          'status: give a status, an assignee or both',
          'status'
        );
      }
      const by = callerName(request);
      let alert = await store.alerts.get(request.params.id);
      if (assignee !== undefined) {
        alert = await store.alerts.assign(alert.id, assignee, by);
      }
      if (status !== undefined) {
        alert = await store.alerts.setStatus(alert.id, status, reason, by);
      }
      return alert;
    }
  );
}

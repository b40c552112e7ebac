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
  sort?: AlertSort;
  order?: 'asc' | 'desc';
  limit?: string;
  cursor?: string;
}

const statusChange = {
  type: 'object',
  required: ['status'],
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: [...alertStatuses] },
    reason: { type: 'string', minLength: 1, maxLength: 2048 },
  },
} as const;

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
      const { cluster, limit, status, ...query } = request.query;
      const page = await store.alerts.list({
        ...query,
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

  app.patch<{ Params: { id: string }; Body: { status: AlertStatus; reason?: string } }>(
    `${base}/alerts/:id`,
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Change an alert’s status; dismissing needs a reason',
        response: { 200: storedAlertSchema },
        params: idParams,
        body: statusChange,
      },
    },
    async (request) => {
      const { status, reason } = request.body;
      if (status === 'dismissed' && (reason === undefined || reason.trim() === '')) {
        throw new HttpError(400, 'bad_request', 'reason: required to dismiss an alert', 'reason');
      }
      return await store.alerts.setStatus(request.params.id, status, reason, callerName(request));
    }
  );
}

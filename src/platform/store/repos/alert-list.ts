import type { Kysely } from 'kysely';
import type { AlertSeverity } from '../../../core/alert.js';
import { alertSeverityOrder } from '../../../core/alert.js';
import { InputError } from '../../../core/errors.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { AlertStatus, Database } from '../schema.js';
import { alertStatuses, toStoredAlert, type StoredAlert } from './alert-row.js';
import { oneOf } from './validate.js';

export const alertSorts = ['lastSeen', 'firstSeen', 'severity', 'count'] as const;
export type AlertSort = (typeof alertSorts)[number];

const sortColumns = {
  lastSeen: 'last_seen',
  firstSeen: 'first_seen',
  severity: 'severity_rank',
  count: 'count',
} as const satisfies Record<AlertSort, string>;

export const defaultPageSize = 50;
export const maxPageSize = 500;

export interface AlertQuery {
  clusterId?: string;
  status?: AlertStatus | readonly AlertStatus[];
  severity?: AlertSeverity | readonly AlertSeverity[];
  rule?: string;
  /** Assigned to this name; `null` for the unassigned ones. */
  assignee?: string | null;
  /** `lastSeen` by default; `severity` desc is worst first. Ties go by id. */
  sort?: AlertSort;
  /** `desc` by default. */
  order?: 'asc' | 'desc';
  /** 50 by default, at most 500. */
  limit?: number;
  cursor?: string;
}

function listOf<T extends string>(
  value: T | readonly T[] | undefined,
  allowed: readonly T[],
  field: string
): T[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  const values: readonly T[] = typeof value === 'string' ? [value] : value;
  if (values.length === 0) {
    throw new InputError(`${field}: at least one of ${allowed.join(', ')}`);
  }
  return values.map((item) => oneOf(item, allowed, field));
}

function pageSize(limit: number | undefined): number {
  const size = limit ?? defaultPageSize;
  if (!Number.isInteger(size) || size < 1 || size > maxPageSize) {
    throw new InputError(`limit: an integer from 1 to ${maxPageSize}`);
  }
  return size;
}

export async function listAlerts(
  db: Kysely<Database>,
  query: AlertQuery
): Promise<{ items: StoredAlert[]; nextCursor?: string }> {
  const sort = oneOf(query.sort ?? 'lastSeen', alertSorts, 'sort');
  const order = oneOf(query.order ?? 'desc', ['asc', 'desc'] as const, 'order');
  const limit = pageSize(query.limit);
  const statuses = listOf(query.status, alertStatuses, 'status');
  const severities = listOf(query.severity, alertSeverityOrder, 'severity');
  const column = sortColumns[sort];

  let select = db.selectFrom('alerts').selectAll();
  if (query.clusterId !== undefined) {
    select = select.where('cluster_id', '=', query.clusterId);
  }
  if (statuses !== undefined) {
    select = select.where('status', 'in', statuses);
  }
  if (severities !== undefined) {
    select = select.where('severity', 'in', severities);
  }
  if (query.assignee !== undefined) {
    select =
      query.assignee === null
        ? select.where('assignee', 'is', null)
        : select.where('assignee', '=', query.assignee);
  }
  if (query.rule !== undefined) {
    select = select.where('rule', '=', query.rule);
  }
  if (query.cursor !== undefined) {
    const after = decodeCursor(query.cursor, sort, order);
    const numeric = sort === 'severity' || sort === 'count';
    if (typeof after.value !== (numeric ? 'number' : 'string')) {
      throw new InputError('cursor: malformed; pass back the nextCursor of the previous page');
    }
    const beyond = order === 'desc' ? '<' : '>';
    select = select.where((eb) =>
      eb.or([
        eb(column, beyond, after.value),
        eb.and([eb(column, '=', after.value), eb('id', beyond, after.id)]),
      ])
    );
  }
  const rows = await select
    .orderBy(column, order)
    .orderBy('id', order)
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(toStoredAlert);
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return {
    items,
    ...(last !== undefined
      ? { nextCursor: encodeCursor({ sort, order, value: last[column], id: last.id }) }
      : {}),
  };
}

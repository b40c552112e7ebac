import { randomUUID } from 'node:crypto';
import type { AlertSeverity } from '../../../core/alert.js';
import { alertSeverityOrder } from '../../../core/alert.js';
import { InputError, NotFoundError } from '../../../core/errors.js';
import { isRecord } from '../../../core/is-record.js';
import { uniqueViolationColumns } from '../db-errors.js';
import type { DeliveryStatus, NotificationChannelsTable } from '../schema.js';
import { missingSecretKey } from '../secret-box.js';
import type { RepoContext } from './context.js';
import { oneOf, requiredText } from './validate.js';

/** A channel as the API shows it: never its config, which holds URLs and keys. */
export interface NotificationChannel {
  id: string;
  name: string;
  kind: string;
  /** What it points at, without secrets (`https://hooks.slack.com/…`, `udp://siem:514`). */
  target: string;
  minSeverity: AlertSeverity;
  /** Cluster ids it is for; every cluster when absent. */
  clusters?: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ChannelWithConfig extends NotificationChannel {
  /** The kind's config, unsealed: for sending, never for an answer. */
  config: Record<string, unknown>;
}

export interface NewChannel {
  name: string;
  kind: string;
  /** Checked by the kind before it comes here; sealed whole. */
  config: Record<string, unknown>;
  target: string;
  minSeverity?: AlertSeverity;
  clusters?: string[];
  enabled?: boolean;
}

/** What PATCH changes; `clusters: null` means every cluster again. `config` needs `target`. */
export interface ChannelChange {
  name?: string;
  config?: Record<string, unknown>;
  target?: string;
  minSeverity?: AlertSeverity;
  clusters?: string[] | null;
  enabled?: boolean;
}

export interface Delivery {
  alertId: string;
  channelId: string;
  status: DeliveryStatus;
  attempts: number;
  lastError?: string;
  updatedAt: string;
}

export interface NotificationChannelRepo {
  /** A taken name is an InputError naming `name`; sealing needs `PALISADE_SECRET_KEY`. */
  add(input: NewChannel): Promise<NotificationChannel>;
  get(id: string): Promise<NotificationChannel>;
  getWithConfig(id: string): Promise<ChannelWithConfig>;
  /** By name. */
  list(): Promise<NotificationChannel[]>;
  update(id: string, change: ChannelChange): Promise<NotificationChannel>;
  /** Its deliveries go with it. */
  remove(id: string): Promise<void>;
  /** Counts an attempt to send an alert to a channel and what came of it. */
  recordDelivery(
    alertId: string,
    channelId: string,
    outcome: { status: DeliveryStatus; error?: string }
  ): Promise<Delivery>;
  delivery(alertId: string, channelId: string): Promise<Delivery | undefined>;
}

function toChannel(row: NotificationChannelsTable): NotificationChannel {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    target: row.target,
    minSeverity: row.min_severity as AlertSeverity,
    ...(row.clusters !== null ? { clusters: JSON.parse(row.clusters) as string[] } : {}),
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function clusterList(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0 || value.length > 100) {
    throw new InputError('clusters: a list of 1 to 100 cluster ids');
  }
  return JSON.stringify([
    ...new Set(value.map((id: unknown, index) => requiredText(id, `clusters.${index}`, 512))),
  ]);
}

function configObject(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) {
    throw new InputError('config: an object');
  }
  return value;
}

export function notificationChannelRepo({
  db,
  now,
  secretBox,
}: RepoContext): NotificationChannelRepo {
  function seal(config: Record<string, unknown>, id: string, name: string): string {
    if (secretBox === undefined) {
      throw missingSecretKey(`the config of notification channel ${JSON.stringify(name)}`);
    }
    return secretBox.seal(JSON.stringify(configObject(config)), id);
  }

  async function row(id: string): Promise<NotificationChannelsTable> {
    const found = await db
      .selectFrom('notification_channels')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (found === undefined) {
      throw new NotFoundError(`no notification channel with id ${id}`);
    }
    return found;
  }

  function nameTaken(error: unknown, name: string): Error | undefined {
    return uniqueViolationColumns(error)?.includes('name') === true
      ? new InputError(
          `name: a notification channel named ${JSON.stringify(name)} already exists`,
          {
            cause: error,
          }
        )
      : undefined;
  }

  return {
    async add(input) {
      const id = randomUUID();
      const at = now();
      const name = requiredText(input.name, 'name');
      const created: NotificationChannelsTable = {
        id,
        name,
        kind: requiredText(input.kind, 'kind', 64),
        config_ciphertext: seal(input.config, id, name),
        target: requiredText(input.target, 'target', 512),
        min_severity: oneOf(
          input.minSeverity ?? 'informational',
          alertSeverityOrder,
          'minSeverity'
        ),
        clusters: input.clusters !== undefined ? clusterList(input.clusters) : null,
        enabled: input.enabled === false ? 0 : 1,
        created_at: at,
        updated_at: at,
      };
      try {
        await db.insertInto('notification_channels').values(created).execute();
      } catch (error) {
        throw nameTaken(error, name) ?? error;
      }
      return toChannel(created);
    },

    get: async (id) => toChannel(await row(id)),

    async getWithConfig(id) {
      const found = await row(id);
      if (secretBox === undefined) {
        throw missingSecretKey(
          `the stored config of notification channel ${JSON.stringify(found.name)}`
        );
      }
      const config: unknown = JSON.parse(secretBox.open(found.config_ciphertext, found.id));
      return { ...toChannel(found), config: configObject(config) };
    },

    async list() {
      const rows = await db
        .selectFrom('notification_channels')
        .selectAll()
        .orderBy('name')
        .execute();
      return rows.map(toChannel);
    },

    async update(id, change) {
      const current = await row(id);
      const name = change.name !== undefined ? requiredText(change.name, 'name') : current.name;
      if ((change.config === undefined) !== (change.target === undefined)) {
        throw new InputError('config: a new config comes with its target');
      }
      const next: Partial<NotificationChannelsTable> = {
        name,
        ...(change.config !== undefined
          ? {
              config_ciphertext: seal(change.config, id, name),
              target: requiredText(change.target, 'target', 512),
            }
          : {}),
        ...(change.minSeverity !== undefined
          ? { min_severity: oneOf(change.minSeverity, alertSeverityOrder, 'minSeverity') }
          : {}),
        ...(change.clusters !== undefined
          ? { clusters: change.clusters === null ? null : clusterList(change.clusters) }
          : {}),
        ...(change.enabled !== undefined ? { enabled: change.enabled ? 1 : 0 } : {}),
        updated_at: now(),
      };
      try {
        const updated = await db
          .updateTable('notification_channels')
          .set(next)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        if (updated === undefined) {
          throw new NotFoundError(`no notification channel with id ${id}`);
        }
        return toChannel(updated);
      } catch (error) {
        throw nameTaken(error, name) ?? error;
      }
    },

    async remove(id) {
      const result = await db
        .deleteFrom('notification_channels')
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) {
        throw new NotFoundError(`no notification channel with id ${id}`);
      }
    },

    async recordDelivery(alertId, channelId, outcome) {
      const at = now();
      const error = outcome.error !== undefined ? outcome.error.slice(0, 2048) : null;
      const stored = await db
        .insertInto('notification_deliveries')
        .values({
          alert_id: alertId,
          channel_id: channelId,
          status: outcome.status,
          attempts: 1,
          last_error: error,
          updated_at: at,
        })
        .onConflict((conflict) =>
          conflict.columns(['alert_id', 'channel_id']).doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            attempts: eb(eb.ref('notification_deliveries.attempts'), '+', 1),
            last_error: eb.ref('excluded.last_error'),
            updated_at: eb.ref('excluded.updated_at'),
          }))
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toDelivery(stored);
    },

    async delivery(alertId, channelId) {
      const found = await db
        .selectFrom('notification_deliveries')
        .selectAll()
        .where('alert_id', '=', alertId)
        .where('channel_id', '=', channelId)
        .executeTakeFirst();
      return found !== undefined ? toDelivery(found) : undefined;
    },
  };
}

function toDelivery(row: {
  alert_id: string;
  channel_id: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  updated_at: string;
}): Delivery {
  return {
    alertId: row.alert_id,
    channelId: row.channel_id,
    status: row.status,
    attempts: row.attempts,
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    updatedAt: row.updated_at,
  };
}

import { describe, expect, it } from 'vitest';
import { InputError, NotFoundError, UsageError } from '../../core/errors.js';
import { engineAlert, randomSuffix, rejectionOf, type OpenStore } from './contract-support.js';
import type { Store } from './store.js';

const secretUrl = 'https://hooks.example.test/services/T000/B000/very-secret-path';

/** Notification channels (config sealed at rest) and their delivery bookkeeping. */
export function describeNotificationContract(store: () => Store, open: OpenStore): void {
  describe('notification channels', () => {
    it('seals the config, shows only the target, and opens it for sending', async () => {
      const name = `slack-${randomSuffix()}`;
      const added = await store().notificationChannels.add({
        name,
        kind: 'slack',
        config: { url: secretUrl },
        target: 'https://hooks.example.test/…',
        minSeverity: 'high',
      });
      expect(added).toMatchObject({
        name,
        kind: 'slack',
        target: 'https://hooks.example.test/…',
        minSeverity: 'high',
        enabled: true,
      });
      expect(added).not.toHaveProperty('clusters');
      expect(JSON.stringify(added)).not.toContain('very-secret');
      const row = await store()
        .db.selectFrom('notification_channels')
        .selectAll()
        .where('id', '=', added.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain('very-secret');
      expect(await store().notificationChannels.getWithConfig(added.id)).toEqual({
        ...added,
        config: { url: secretUrl },
      });
      expect(JSON.stringify(await store().notificationChannels.list())).not.toContain(
        'very-secret'
      );
      const taken = await rejectionOf(
        store().notificationChannels.add({ name, kind: 'slack', config: {}, target: 'x' })
      );
      expect(taken).toBeInstanceOf(InputError);
      expect(taken.message).toMatch(/^name: .* already exists$/);
    });

    it('changes name, config, filters and state, and clears the cluster filter', async () => {
      const cluster = await store().clusters.add({ name: `nc-${randomSuffix()}`, source: 'eks' });
      const { id } = await store().notificationChannels.add({
        name: `hook-${randomSuffix()}`,
        kind: 'webhook',
        config: { url: 'http://127.0.0.1:1/a' },
        target: 'http://127.0.0.1:1/a',
        clusters: [cluster.id],
      });
      const renamed = `renamed-${randomSuffix()}`;
      const changed = await store().notificationChannels.update(id, {
        name: renamed,
        config: { url: 'http://127.0.0.1:2/b', secret: 'k'.repeat(32) },
        target: 'http://127.0.0.1:2/b',
        minSeverity: 'medium',
        enabled: false,
      });
      expect(changed).toMatchObject({
        name: renamed,
        target: 'http://127.0.0.1:2/b',
        minSeverity: 'medium',
        clusters: [cluster.id],
        enabled: false,
      });
      expect((await store().notificationChannels.getWithConfig(id)).config).toEqual({
        url: 'http://127.0.0.1:2/b',
        secret: 'k'.repeat(32),
      });
      const everywhere = await store().notificationChannels.update(id, { clusters: null });
      expect(everywhere).not.toHaveProperty('clusters');
      const lonely = await rejectionOf(
        store().notificationChannels.update(id, { config: { url: 'x' } })
      );
      expect(lonely.message).toMatch(/^config: /);
      const severity = await rejectionOf(
        store().notificationChannels.update(id, { minSeverity: 'urgent' as 'high' })
      );
      expect(severity.message).toMatch(/^minSeverity: one of /);
      expect(
        await rejectionOf(store().notificationChannels.update('nope', { enabled: true }))
      ).toBeInstanceOf(NotFoundError);
    });

    it('counts delivery attempts, and drops them with the channel or the alert', async () => {
      const cluster = await store().clusters.add({ name: `nd-${randomSuffix()}`, source: 'eks' });
      const { alert } = await store().alerts.record(cluster.id, engineAlert({ id: 'd1' }));
      const channel = await store().notificationChannels.add({
        name: `d-${randomSuffix()}`,
        kind: 'webhook',
        config: {},
        target: 'x',
      });
      expect(await store().notificationChannels.delivery(alert.id, channel.id)).toBeUndefined();
      await store().notificationChannels.recordDelivery(alert.id, channel.id, {
        status: 'failing',
        error: 'answered 500',
      });
      const sent = await store().notificationChannels.recordDelivery(alert.id, channel.id, {
        status: 'sent',
      });
      expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
      expect(sent).not.toHaveProperty('lastError');
      await store().notificationChannels.remove(channel.id);
      expect(await store().notificationChannels.delivery(alert.id, channel.id)).toBeUndefined();
      expect(await rejectionOf(store().notificationChannels.remove(channel.id))).toBeInstanceOf(
        NotFoundError
      );
    });

    it('refuses to store or open a config without PALISADE_SECRET_KEY', async () => {
      const keyless = await open({ env: {} });
      try {
        const error = await rejectionOf(
          keyless.notificationChannels.add({
            name: `nokey-${randomSuffix()}`,
            kind: 'slack',
            config: { url: secretUrl },
            target: 'x',
          })
        );
        expect(error).toBeInstanceOf(UsageError);
        expect(error.message).toContain('PALISADE_SECRET_KEY');
        expect(error.message).not.toContain('very-secret');
      } finally {
        await keyless.close();
      }
    });
  });
}

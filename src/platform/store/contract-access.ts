import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../core/errors.js';
import { randomSuffix, rejectionOf, type OpenStore } from './contract-support.js';
import type { Store } from './store.js';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** API tokens and audit-webhook tokens. */
export function describeAccessContract(store: () => Store, open: OpenStore): void {
  describe('tokens', () => {
    it('returns the token once, stores only its sha-256, and verifies it to its role', async () => {
      const { token, record } = await store().tokens.create({ name: 'ci', role: 'operator' });
      expect(token).toMatch(/^pal_[A-Za-z0-9_-]{43}$/);
      expect(record).toMatchObject({ name: 'ci', role: 'operator' });
      const row = await store()
        .db.selectFrom('api_tokens')
        .selectAll()
        .where('id', '=', record.id)
        .executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(sha256(token));
      expect(Object.values(row)).not.toContain(token);
      expect(await store().tokens.verify(token)).toEqual({
        id: record.id,
        name: 'ci',
        role: 'operator',
      });
      const listed = (await store().tokens.list()).find((item) => item.id === record.id);
      expect(listed?.lastUsedAt).toBeDefined();
      expect(JSON.stringify(await store().tokens.list())).not.toContain(row.token_hash);
    });

    it('refuses a wrong, empty, oversized or revoked token', async () => {
      const { token, record } = await store().tokens.create({ name: 'temp', role: 'admin' });
      expect(await store().tokens.verify(`${token}x`)).toBeUndefined();
      expect(await store().tokens.verify('')).toBeUndefined();
      expect(await store().tokens.verify('p'.repeat(10_000))).toBeUndefined();
      await store().tokens.revoke(record.id);
      await store().tokens.revoke(record.id);
      expect(await store().tokens.verify(token)).toBeUndefined();
      const listed = (await store().tokens.list()).find((item) => item.id === record.id);
      expect(listed?.revokedAt).toBeDefined();
    });

    it('adopts a token the operator chose, and refuses one too short to be safe', async () => {
      const chosen = `admin-${randomSuffix()}-${'k'.repeat(30)}`;
      const { token, record } = await store().tokens.create({
        name: 'from-env',
        role: 'admin',
        token: chosen,
      });
      expect(token).toBe(chosen);
      expect((await store().tokens.verify(chosen))?.id).toBe(record.id);
      const short = await rejectionOf(
        store().tokens.create({ name: 'weak', role: 'admin', token: 'hunter2' })
      );
      expect(short).toBeInstanceOf(InputError);
      expect(short.message).toMatch(/^token: /);
    });

    it('names the field of a bad token request, and says an unknown id is not found', async () => {
      const blank = await rejectionOf(store().tokens.create({ name: ' ', role: 'reader' }));
      expect(blank).toBeInstanceOf(InputError);
      expect(blank.message).toBe('name: required, a non-empty string');
      const role = await rejectionOf(store().tokens.create({ name: 'x', role: 'root' as 'admin' }));
      expect(role).toBeInstanceOf(InputError);
      expect(role.message).toBe('role: one of reader, operator, admin');
      await expect(store().tokens.revoke('no-such-id')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('stamps last use with the store clock, at most once a minute', async () => {
      let now = new Date('2030-01-01T00:00:00.000Z');
      const pinned = await open({ now: () => now });
      try {
        const { token, record } = await pinned.tokens.create({ name: 'clock', role: 'reader' });
        expect(record.createdAt).toBe('2030-01-01T00:00:00.000Z');
        await pinned.tokens.verify(token);
        now = new Date('2030-01-01T00:00:30.000Z');
        await pinned.tokens.verify(token);
        const lastUsed = async (): Promise<string | undefined> =>
          (await pinned.tokens.list()).find((item) => item.id === record.id)?.lastUsedAt;
        expect(await lastUsed()).toBe('2030-01-01T00:00:00.000Z');
        now = new Date('2030-01-01T00:02:00.000Z');
        await pinned.tokens.verify(token);
        expect(await lastUsed()).toBe('2030-01-01T00:02:00.000Z');
      } finally {
        await pinned.close();
      }
    });
  });

  describe('webhook tokens', () => {
    it('admits a token for its own cluster only, until revoked or the cluster goes', async () => {
      const cluster = await store().clusters.add({ name: `hook-${randomSuffix()}`, source: 'eks' });
      const first = await store().webhookTokens.create(cluster.id);
      const second = await store().webhookTokens.create(cluster.id);
      expect(first.token).toMatch(/^palw_/);
      expect(await store().webhookTokens.verify(first.token)).toEqual({
        id: first.record.id,
        clusterId: cluster.id,
      });
      expect(await store().webhookTokens.verify(first.token.slice(0, -1))).toBeUndefined();
      await store().webhookTokens.revoke(first.record.id);
      expect(await store().webhookTokens.verify(first.token)).toBeUndefined();
      const listed = await store().webhookTokens.list(cluster.id);
      expect(listed.map((item) => item.id).sort()).toEqual(
        [first.record.id, second.record.id].sort()
      );
      expect(listed.find((item) => item.id === first.record.id)?.revokedAt).toBeDefined();
      expect(listed.find((item) => item.id === second.record.id)?.revokedAt).toBeUndefined();
      await store().clusters.remove(cluster.id);
      expect(await store().webhookTokens.verify(second.token)).toBeUndefined();
    });

    it('rotates: a new token is admitted and every earlier one of that cluster refused', async () => {
      const cluster = await store().clusters.add({ name: `rot-${randomSuffix()}`, source: 'eks' });
      const other = await store().clusters.add({ name: `rot-${randomSuffix()}`, source: 'eks' });
      const first = await store().webhookTokens.create(cluster.id);
      const second = await store().webhookTokens.create(cluster.id);
      const untouched = await store().webhookTokens.create(other.id);
      const rotated = await store().webhookTokens.rotate(cluster.id);
      expect(rotated.token).toMatch(/^palw_/);
      expect(rotated.record.clusterId).toBe(cluster.id);
      expect(await store().webhookTokens.verify(first.token)).toBeUndefined();
      expect(await store().webhookTokens.verify(second.token)).toBeUndefined();
      expect(await store().webhookTokens.verify(rotated.token)).toEqual({
        id: rotated.record.id,
        clusterId: cluster.id,
      });
      expect(await store().webhookTokens.verify(untouched.token)).toMatchObject({
        clusterId: other.id,
      });
      const active = (await store().webhookTokens.list(cluster.id)).filter(
        (item) => item.revokedAt === undefined
      );
      expect(active.map((item) => item.id)).toEqual([rotated.record.id]);
    });

    it('says an unknown cluster or token is not found', async () => {
      const unknown = await rejectionOf(store().webhookTokens.create('no-such-cluster'));
      expect(unknown).toBeInstanceOf(NotFoundError);
      expect(unknown.message).toBe('no cluster with id no-such-cluster');
      const rotated = await rejectionOf(store().webhookTokens.rotate('no-such-cluster'));
      expect(rotated).toBeInstanceOf(NotFoundError);
      expect(rotated.message).toBe('no cluster with id no-such-cluster');
      await expect(store().webhookTokens.revoke('no-such-token')).rejects.toBeInstanceOf(
        NotFoundError
      );
    });
  });
}

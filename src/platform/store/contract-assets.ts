import { describe, expect, it } from 'vitest';
import { InputError, NotFoundError, UsageError } from '../../core/errors.js';
import { engineAlert, randomSuffix, rejectionOf, type OpenStore } from './contract-support.js';
import type { Store } from './store.js';

const password = 'hunter2-Very-Secret!';

/** Registries (with their secret sealed at rest) and clusters. */
export function describeAssetContract(store: () => Store, open: OpenStore): void {
  describe('registries', () => {
    it('stores the secret sealed, lists without it, and gives it back decrypted', async () => {
      const name = `ghcr-${randomSuffix()}`;
      const added = await store().registries.add({
        name,
        url: 'https://ghcr.io',
        username: 'bot',
        secret: password,
      });
      expect(added).toMatchObject({
        name,
        url: 'https://ghcr.io',
        username: 'bot',
        hasSecret: true,
      });
      expect(added).not.toHaveProperty('secret');
      const got = await store().registries.get(added.id);
      expect(got.secret).toBe(password);
      const listed = await store().registries.list();
      expect(listed.find((item) => item.id === added.id)).toEqual(added);
      expect(JSON.stringify(listed)).not.toContain(password);

      const row = await store()
        .db.selectFrom('registries')
        .selectAll()
        .where('id', '=', added.id)
        .executeTakeFirstOrThrow();
      const stored = JSON.stringify(row);
      expect(row.secret_ciphertext).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(stored).not.toContain(password);
      expect(stored).not.toContain(Buffer.from(password).toString('base64').slice(0, 16));
      expect(Buffer.from(row.secret_ciphertext ?? '', 'base64').toString('latin1')).not.toContain(
        password
      );
    });

    it('keeps a secret to its own row: a ciphertext copied onto another does not open', async () => {
      const source = await store().registries.add({
        name: `a-${randomSuffix()}`,
        url: 'a.example',
        secret: password,
      });
      const target = await store().registries.add({
        name: `b-${randomSuffix()}`,
        url: 'b.example',
        secret: 'other',
      });
      const { secret_ciphertext: sealed } = await store()
        .db.selectFrom('registries')
        .select('secret_ciphertext')
        .where('id', '=', source.id)
        .executeTakeFirstOrThrow();
      await store()
        .db.updateTable('registries')
        .set({ secret_ciphertext: sealed })
        .where('id', '=', target.id)
        .execute();
      const error = await rejectionOf(store().registries.get(target.id));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).not.toContain(password);
    });

    it('refuses to store a secret without PALISADE_SECRET_KEY, and to read one with another key', async () => {
      const keyless = await open({ env: {} });
      const otherKey = await open({
        env: { PALISADE_SECRET_KEY: Buffer.alloc(32, 9).toString('base64') },
      });
      try {
        const refused = await rejectionOf(
          keyless.registries.add({
            name: `k-${randomSuffix()}`,
            url: 'k.example',
            secret: password,
          })
        );
        expect(refused).toBeInstanceOf(UsageError);
        expect(refused.message).toContain('PALISADE_SECRET_KEY');
        const plain = await keyless.registries.add({
          name: `p-${randomSuffix()}`,
          url: 'public.example',
        });
        expect(await keyless.registries.get(plain.id)).toEqual({ ...plain, hasSecret: false });

        const sealed = await store().registries.add({
          name: `s-${randomSuffix()}`,
          url: 's.example',
          secret: password,
        });
        expect(await rejectionOf(keyless.registries.get(sealed.id))).toBeInstanceOf(UsageError);
        const wrongKey = await rejectionOf(otherKey.registries.get(sealed.id));
        expect(wrongKey).toBeInstanceOf(InputError);
        expect(wrongKey.message).toContain('was the key changed');
      } finally {
        await keyless.close();
        await otherKey.close();
      }
    });

    it('refuses a malformed PALISADE_SECRET_KEY when the store opens', async () => {
      const error = await rejectionOf(open({ env: { PALISADE_SECRET_KEY: 'c2hvcnQ=' } }));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toContain('32 random bytes');
    });

    it('names the field of a taken name or a bad input, and says an unknown id is not found', async () => {
      const name = `dup-${randomSuffix()}`;
      await store().registries.add({ name, url: 'one.example' });
      const taken = await rejectionOf(store().registries.add({ name, url: 'two.example' }));
      expect(taken).toBeInstanceOf(InputError);
      expect(taken.message).toBe(`name: a registry named "${name}" already exists`);
      const noUrl = await rejectionOf(
        store().registries.add({ name: `u-${randomSuffix()}`, url: '' })
      );
      expect(noUrl).toBeInstanceOf(InputError);
      expect(noUrl.message).toMatch(/^url: /);
      expect(await rejectionOf(store().registries.get('nope'))).toBeInstanceOf(NotFoundError);
      expect(await rejectionOf(store().registries.remove('nope'))).toBeInstanceOf(NotFoundError);
    });

    it('removes a registry with its images', async () => {
      const registry = await store().registries.add({
        name: `gone-${randomSuffix()}`,
        url: 'g.example',
      });
      await store()
        .db.insertInto('images')
        .values({
          id: `image-${randomSuffix()}`,
          registry_id: registry.id,
          repository: 'library/nginx',
          digest: `sha256:${'a'.repeat(64)}`,
          tags: '["latest"]',
          sbom: null,
          created_at: new Date().toISOString(),
          last_scanned_at: null,
        })
        .execute();
      await store().registries.remove(registry.id);
      expect(await rejectionOf(store().registries.get(registry.id))).toBeInstanceOf(NotFoundError);
      const images = await store()
        .db.selectFrom('images')
        .select('id')
        .where('registry_id', '=', registry.id)
        .execute();
      expect(images).toEqual([]);
    });
  });

  describe('clusters', () => {
    it('adds, finds, lists and removes a cluster with its config', async () => {
      const name = `prod-${randomSuffix()}`;
      const config = {
        kubeconfig: '/home/me/.kube/config',
        context: 'prod',
        nested: { a: [1, 2] },
      };
      // An eks cluster's config is its connector's own object, kept as given.
      const added = await store().clusters.add({ name, source: 'eks', config });
      expect(added).toMatchObject({ name, source: 'eks', config });
      expect(await store().clusters.get(added.id)).toEqual(added);
      expect(await store().clusters.findByName(name)).toEqual(added);
      expect(await store().clusters.findByName(`${name}-not`)).toBeUndefined();
      const names = (await store().clusters.list()).map((cluster) => cluster.name);
      expect(names).toContain(name);
      expect(names).toEqual([...names].sort());
      await store().clusters.remove(added.id);
      expect(await rejectionOf(store().clusters.get(added.id))).toBeInstanceOf(NotFoundError);
      expect(await rejectionOf(store().clusters.remove(added.id))).toBeInstanceOf(NotFoundError);
    });

    it('names the field of a taken name or an unknown source', async () => {
      const name = `dup-${randomSuffix()}`;
      await store().clusters.add({ name, source: 'eks' });
      const taken = await rejectionOf(store().clusters.add({ name, source: 'eks' }));
      expect(taken).toBeInstanceOf(InputError);
      expect(taken.message).toBe(`name: a cluster named "${name}" already exists`);
      const source = await rejectionOf(
        store().clusters.add({ name: `s-${randomSuffix()}`, source: 'floppy' as 'eks' })
      );
      expect(source).toBeInstanceOf(InputError);
      expect(source.message).toMatch(/^source: one of /);
    });

    it('removes a cluster with its alerts', async () => {
      const cluster = await store().clusters.add({ name: `c-${randomSuffix()}`, source: 'eks' });
      const stored = await store().alerts.upsert(cluster.id, engineAlert({ id: 'gone' }));
      await store().clusters.remove(cluster.id);
      expect(await rejectionOf(store().alerts.get(stored.id))).toBeInstanceOf(NotFoundError);
    });
  });
}

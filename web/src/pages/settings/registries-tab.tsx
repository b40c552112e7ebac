import { useEffect, useState, type SyntheticEvent } from 'react';
import { getJson, sendJson } from '../../api.js';
import { ConfirmButton, FailureNote, RoleNote, useAction } from './settings-parts.js';
import {
  allows,
  needs,
  shortTime,
  type CurrentToken,
  type Registry,
  type RegistryRepository,
} from './settings-types.js';
import { useApiData } from './use-api-data.js';

interface Discovered {
  repositories: number;
  images: number;
  lastScannedAt?: string;
}

function summarize(items: RegistryRepository[]): Discovered {
  const lastScannedAt = items
    .flatMap((item) => (item.lastScannedAt !== undefined ? [item.lastScannedAt] : []))
    .sort()
    .at(-1);
  return {
    repositories: items.length,
    images: items.reduce((sum, item) => sum + item.images, 0),
    ...(lastScannedAt !== undefined ? { lastScannedAt } : {}),
  };
}

function discoveredText(found: Discovered | undefined): string {
  if (found === undefined) {
    return '…';
  }
  if (found.repositories === 0) {
    return 'nothing discovered yet';
  }
  const scanned = found.lastScannedAt !== undefined ? shortTime(found.lastScannedAt) : 'not yet';
  return `${found.repositories} repositories, ${found.images} images; last scan ${scanned}`;
}

/** Registries: what was found in each, add one, scan now, remove. */
export function RegistriesTab({
  who,
  onUnauthorized,
}: {
  who: CurrentToken;
  onUnauthorized: () => void;
}) {
  const [reloads, setReloads] = useState(0);
  const { data, refused } = useApiData<{ items: Registry[] }>(
    '/api/v1/registries',
    reloads,
    onUnauthorized
  );
  const [discovered, setDiscovered] = useState(new Map<string, Discovered>());
  const [form, setForm] = useState({ name: '', url: '', username: '', password: '' });
  const [notice, setNotice] = useState<string>();
  const add = useAction(onUnauthorized);
  const act = useAction(onUnauthorized);

  useEffect(() => {
    let current = true;
    for (const registry of data?.items ?? []) {
      getJson<{ items: RegistryRepository[] }>(
        `/api/v1/registries/${encodeURIComponent(registry.id)}/repositories`
      )
        .then((answer) => {
          if (current) {
            setDiscovered((known) => new Map(known).set(registry.id, summarize(answer.items)));
          }
        })
        // The list still stands without its counts; the row keeps its ellipsis.
        .catch(() => undefined);
    }
    return () => {
      current = false;
    };
  }, [data]);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const done = await add.run(async () => {
      const added = await sendJson<Registry>('POST', '/api/v1/registries', {
        name: form.name.trim(),
        url: form.url.trim(),
        ...(form.username.trim() !== '' ? { username: form.username.trim() } : {}),
        ...(form.password !== '' ? { password: form.password } : {}),
      });
      setNotice(`Registry “${added.name}” added; its discovery is queued.`);
      setReloads((count) => count + 1);
    });
    // The password leaves the page either way: it is never kept or shown back.
    setForm((shown) =>
      done ? { name: '', url: '', username: '', password: '' } : { ...shown, password: '' }
    );
  };

  const scan = (registry: Registry) =>
    void act.run(async () => {
      await sendJson('POST', `/api/v1/registries/${encodeURIComponent(registry.id)}/scan`);
      setNotice(`Discovery of “${registry.name}” queued; new images are scanned as found.`);
    });
  const remove = (registry: Registry) =>
    void act.run(async () => {
      await sendJson('DELETE', `/api/v1/registries/${encodeURIComponent(registry.id)}`);
      setNotice(`Registry “${registry.name}” removed.`);
      setReloads((count) => count + 1);
    });

  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (event: { target: { value: string } }) =>
      setForm((shown) => ({ ...shown, [key]: event.target.value })),
  });
  const canAdd = allows(who, needs.addRegistry);
  const canScan = allows(who, needs.scanRegistry);
  const canRemove = allows(who, needs.removeRegistry);

  return (
    <>
      <section className="panel" aria-labelledby="registry-add">
        <h2 id="registry-add">Add a registry</h2>
        <RoleNote who={who} needed={needs.addRegistry} what="adding and scanning registries" />
        {canAdd && (
          <form
            className="settings-form"
            aria-describedby="registry-add-error"
            onSubmit={(event) => void submit(event)}
          >
            <label>
              Name
              <input name="registry-name" required maxLength={256} {...field('name')} />
            </label>
            <label>
              URL
              <input
                name="registry-url"
                required
                placeholder="ghcr.io or https://registry.example:5000"
                aria-invalid={add.failure?.field === 'url' ? true : undefined}
                {...field('url')}
              />
            </label>
            <label>
              User name (optional)
              <input name="registry-username" autoComplete="off" {...field('username')} />
            </label>
            <label>
              Password or token (optional)
              <input
                name="registry-password"
                type="password"
                autoComplete="new-password"
                {...field('password')}
              />
            </label>
            <button type="submit" disabled={add.busy}>
              Add registry
            </button>
          </form>
        )}
        <p className="muted">
          The password is stored encrypted and never shown again, here or by the API.
        </p>
        <FailureNote failure={add.failure} id="registry-add-error" />
      </section>
      <section className="panel" aria-labelledby="registry-list">
        <h2 id="registry-list">Registries</h2>
        {notice !== undefined && <p role="status">{notice}</p>}
        <FailureNote failure={act.failure} />
        <RoleNote who={who} needed={needs.removeRegistry} what="removing a registry" />
        {refused !== undefined && <p className="error">{refused.message}</p>}
        {data === undefined ? (
          refused === undefined && <p aria-busy="true">Loading registries…</p>
        ) : data.items.length === 0 ? (
          <p>No registries yet.</p>
        ) : (
          <div className="table-wrap">
            <table aria-label="Registries">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">URL</th>
                  <th scope="col">Credentials</th>
                  <th scope="col">Discovered</th>
                  <th scope="col">Added</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((registry) => (
                  <tr key={registry.id}>
                    <td>{registry.name}</td>
                    <td className="wrap">{registry.url}</td>
                    <td>
                      {registry.username ?? 'anonymous'}
                      {registry.hasSecret ? ' (password stored)' : ''}
                    </td>
                    <td>{discoveredText(discovered.get(registry.id))}</td>
                    <td>{shortTime(registry.createdAt)}</td>
                    <td>
                      <div className="row-actions">
                        {canScan && (
                          <button
                            type="button"
                            aria-label={`Scan ${registry.name} now`}
                            disabled={act.busy}
                            onClick={() => scan(registry)}
                          >
                            Scan now
                          </button>
                        )}
                        {canRemove && (
                          <ConfirmButton
                            label="Remove"
                            subject={registry.name}
                            question={`Remove “${registry.name}” with its images and findings?`}
                            disabled={act.busy}
                            onConfirm={() => remove(registry)}
                          />
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

import { useEffect, useState } from 'react';
import { getJson } from '../api.js';
import { navigate } from '../router.js';
import type { ImageRow, InventorySummary, Page, RepositoryRow } from '../types.js';
import { apiPath, usePagedList } from '../use-paged-list.js';
import { internalLink, type InventoryFilters } from './inventory-filters.js';

const loadPage = (path: string) => getJson<Page<ImageRow>>(path);
const pageSize = '50';

interface TabProps {
  summary: InventorySummary | undefined;
  filters: InventoryFilters;
  go: (change: Partial<InventoryFilters>) => void;
  fail: (failure: unknown) => void;
}

function Count({ value, severity }: { value: number; severity: string }) {
  return value === 0 ? (
    <span className="muted">0</span>
  ) : (
    <span className={`badge ${severity}`}>{value}</span>
  );
}

/** Registries → repositories → images, each image linked to its findings. */
export function ImagesTab({ summary, filters, go, fail }: TabProps) {
  const [repositories, setRepositories] = useState<RepositoryRow[]>();
  useEffect(() => {
    let current = true;
    setRepositories(undefined);
    if (filters.registry !== '') {
      getJson<{ items: RepositoryRow[] }>(
        `/api/v1/registries/${encodeURIComponent(filters.registry)}/repositories`
      )
        .then((answer) => current && setRepositories(answer.items))
        .catch(fail);
    }
    return () => {
      current = false;
    };
  }, [filters.registry, fail]);
  const { items: images, more } = usePagedList(
    apiPath('/api/v1/images', {
      registry: filters.registry,
      repository: filters.repository,
      search: filters.q,
      limit: pageSize,
    }),
    loadPage,
    fail
  );
  const registryNames = new Map(
    summary?.registries.map((registry) => [registry.id, registry.name])
  );

  return (
    <>
      <div className="filters">
        <label>
          Registry{' '}
          <select
            value={filters.registry}
            onChange={(event) => go({ registry: event.target.value, repository: '' })}
          >
            <option value="">Every registry</option>
            {summary?.registries.map((registry) => (
              <option key={registry.id} value={registry.id}>
                {registry.name}
              </option>
            ))}
          </select>
        </label>
        {filters.repository !== '' && (
          <button type="button" onClick={() => go({ repository: '' })}>
            Repository {filters.repository} ✕
          </button>
        )}
      </div>
      {repositories !== undefined && (
        <>
          <h2>Repositories</h2>
          <div className="table-wrap">
            <table aria-label="Repositories">
              <thead>
                <tr>
                  <th scope="col">Repository</th>
                  <th scope="col">Images</th>
                  <th scope="col">Last scanned</th>
                </tr>
              </thead>
              <tbody>
                {repositories.map((row) => (
                  <tr key={row.repository} aria-selected={row.repository === filters.repository}>
                    <th scope="row">
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => go({ repository: row.repository })}
                      >
                        {row.repository}
                      </button>
                    </th>
                    <td>{row.images}</td>
                    <td>{row.lastScannedAt?.replace('T', ' ').slice(0, 16) ?? 'not yet'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h2>Images</h2>
      {images === undefined ? (
        <p aria-busy="true">Loading images…</p>
      ) : images.length === 0 ? (
        <p>No images match.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label="Images">
            <thead>
              <tr>
                <th scope="col">Image</th>
                <th scope="col">Registry</th>
                <th scope="col">Digest</th>
                <th scope="col">Critical</th>
                <th scope="col">High</th>
                <th scope="col">Last scanned</th>
              </tr>
            </thead>
            <tbody>
              {images.map((image) => (
                <tr key={image.id}>
                  <th scope="row">
                    <a
                      {...internalLink(
                        navigate,
                        `/vulnerabilities?image=${encodeURIComponent(image.id)}`
                      )}
                    >
                      {image.repository}
                      {image.tags.length > 0 ? `:${image.tags.join(', ')}` : ''}
                    </a>
                  </th>
                  <td>{registryNames.get(image.registryId) ?? image.registryId}</td>
                  <td>
                    <code title={image.digest}>{image.digest.slice(0, 19)}</code>
                  </td>
                  <td>
                    <Count value={image.findings.critical} severity="critical" />
                  </td>
                  <td>
                    <Count value={image.findings.high} severity="high" />
                  </td>
                  <td>{image.lastScannedAt?.replace('T', ' ').slice(0, 16) ?? 'not yet'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more !== undefined && (
        <button type="button" onClick={more}>
          Load more
        </button>
      )}
    </>
  );
}

import { getJson } from '../api.js';
import { navigate } from '../router.js';
import type { FleetWorkload, Page } from '../types.js';
import { apiPath, usePagedList } from '../use-paged-list.js';
import { internalLink, type InventoryFilters } from './inventory-filters.js';

const loadPage = (path: string) => getJson<Page<FleetWorkload>>(path);
const pageSize = '50';
const kinds = ['', 'Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'ReplicaSet', 'Pod'];

interface TabProps {
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

/** Workloads across clusters, each container's image linked to the findings of what it runs. */
export function WorkloadsTab({ filters, go, fail }: TabProps) {
  const { items: workloads, more } = usePagedList(
    apiPath('/api/v1/workloads', {
      cluster: filters.cluster,
      namespace: filters.namespace,
      kind: filters.kind,
      search: filters.q,
      limit: pageSize,
    }),
    loadPage,
    fail
  );
  return (
    <>
      <div className="filters">
        <label>
          Kind{' '}
          <select value={filters.kind} onChange={(event) => go({ kind: event.target.value })}>
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {kind === '' ? 'Any kind' : kind}
              </option>
            ))}
          </select>
        </label>
        {filters.namespace !== '' && (
          <button type="button" onClick={() => go({ namespace: '' })}>
            Namespace {filters.namespace} ✕
          </button>
        )}
      </div>
      {workloads === undefined ? (
        <p aria-busy="true">Loading workloads…</p>
      ) : workloads.length === 0 ? (
        <p>No workloads match.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label="Workloads">
            <thead>
              <tr>
                <th scope="col">Workload</th>
                <th scope="col">Kind</th>
                <th scope="col">Namespace</th>
                <th scope="col">Cluster</th>
                <th scope="col">Images</th>
                <th scope="col">Critical</th>
                <th scope="col">High</th>
              </tr>
            </thead>
            <tbody>
              {workloads.map((workload) => (
                <tr
                  key={`${workload.clusterId}/${workload.namespace}/${workload.kind}/${workload.name}`}
                >
                  <th scope="row">{workload.name}</th>
                  <td>{workload.kind}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => go({ namespace: workload.namespace })}
                    >
                      {workload.namespace}
                    </button>
                  </td>
                  <td>{workload.clusterName}</td>
                  <td>
                    <ul className="plain-list">
                      {workload.images.map((image) => (
                        <li key={image.container}>
                          <span className="muted">{image.container}:</span>{' '}
                          {image.scanned.length === 0 ? (
                            <span title="no stored image matches">{image.image}</span>
                          ) : (
                            image.scanned.map((scanned) => (
                              <a
                                key={scanned.id}
                                {...internalLink(
                                  navigate,
                                  `/vulnerabilities?image=${encodeURIComponent(scanned.id)}`
                                )}
                                aria-label={`Findings of ${image.image}`}
                              >
                                {image.image}
                              </a>
                            ))
                          )}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <Count value={workload.findings.critical} severity="critical" />
                  </td>
                  <td>
                    <Count value={workload.findings.high} severity="high" />
                  </td>
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

import { useEffect, useState } from 'react';
import { getJson } from '../api.js';
import { navigate } from '../router.js';
import { useApiFailure } from '../use-api-failure.js';
import type { Alert, Cluster, Page } from '../types.js';
import { AlertDetail } from './alert-detail.js';

const statusChoices: [string, string][] = [
  ['new,in_progress', 'Open'],
  ['new', 'New'],
  ['in_progress', 'In progress'],
  ['dismissed', 'Dismissed'],
  ['resolved', 'Resolved'],
  ['', 'Any status'],
];
const severityChoices = ['', 'critical', 'high', 'medium', 'low', 'informational'];
const pageSize = 50;

interface Filters {
  status: string;
  severity: string;
  /** A cluster id, or empty for every cluster. */
  cluster: string;
  /** A name, `-` for the unassigned, or empty for anyone. */
  assignee: string;
  open?: string;
}

/** The filters live in the URL, so every view of the queue is a link. */
function filtersOf(location: URL): Filters {
  const open = location.searchParams.get('open') ?? undefined;
  return {
    status: location.searchParams.get('status') ?? 'new,in_progress',
    severity: location.searchParams.get('severity') ?? '',
    cluster: location.searchParams.get('cluster') ?? '',
    assignee: location.searchParams.get('assignee') ?? '',
    ...(open !== undefined ? { open } : {}),
  };
}

function withFilters(filters: Filters): string {
  const query = new URLSearchParams();
  query.set('status', filters.status);
  for (const key of ['severity', 'cluster', 'assignee'] as const) {
    if (filters[key] !== '') {
      query.set(key, filters[key]);
    }
  }
  if (filters.cluster !== '') {
    query.set('cluster', filters.cluster);
  }
  if (filters.open !== undefined) {
    query.set('open', filters.open);
  }
  return `/alerts?${query.toString()}`;
}

/** The triage queue: filters, a page of alerts at a time, and the chosen alert's detail. */
export function AlertsPage({
  location,
  onUnauthorized,
}: {
  location: URL;
  onUnauthorized: () => void;
}) {
  const filters = filtersOf(location);
  const [alerts, setAlerts] = useState<Alert[]>();
  const [next, setNext] = useState<string>();
  const [clusters, setClusters] = useState(new Map<string, string>());
  const [notice, setNotice] = useState<string>();
  const [reloads, setReloads] = useState(0);

  const [error, fail] = useApiFailure(onUnauthorized);

  const query = (cursor?: string) => {
    const params = new URLSearchParams({ limit: String(pageSize) });
    if (filters.status !== '') {
      params.set('status', filters.status);
    }
    for (const key of ['severity', 'cluster', 'assignee'] as const) {
      if (filters[key] !== '') {
        params.set(key, filters[key]);
      }
    }
    if (cursor !== undefined) {
      params.set('cursor', cursor);
    }
    return `/api/v1/alerts?${params.toString()}`;
  };

  useEffect(() => {
    let current = true;
    Promise.all([getJson<Page<Alert>>(query()), getJson<Page<Cluster>>('/api/v1/clusters')])
      .then(([page, known]) => {
        if (current) {
          setAlerts(page.items);
          setNext(page.next);
          setClusters(new Map(known.items.map((cluster) => [cluster.id, cluster.name])));
        }
      })
      .catch(fail);
    return () => {
      current = false;
    };
    // The query is built from these filters; `reloads` refetches after an action.
  }, [filters.status, filters.severity, filters.cluster, filters.assignee, reloads, fail]);

  const loadMore = () => {
    if (next === undefined) {
      return;
    }
    getJson<Page<Alert>>(query(next))
      .then((page) => {
        setAlerts((shown) => [...(shown ?? []), ...page.items]);
        setNext(page.next);
      })
      .catch(fail);
  };

  const chosen = alerts?.find((alert) => alert.id === filters.open);
  return (
    <div className="alerts">
      <h1>Alerts</h1>
      <form
        className="filters"
        aria-label="Filter alerts"
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          Status{' '}
          <select
            value={filters.status}
            onChange={(event) =>
              navigate(withFilters({ ...filters, status: event.target.value, open: undefined }))
            }
          >
            {statusChoices.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Severity{' '}
          <select
            value={filters.severity}
            onChange={(event) =>
              navigate(withFilters({ ...filters, severity: event.target.value, open: undefined }))
            }
          >
            {severityChoices.map((value) => (
              <option key={value} value={value}>
                {value === '' ? 'Any severity' : value}
              </option>
            ))}
          </select>
        </label>
        <label>
          Cluster{' '}
          <select
            value={filters.cluster}
            onChange={(event) =>
              navigate(withFilters({ ...filters, cluster: event.target.value, open: undefined }))
            }
          >
            <option value="">Any cluster</option>
            {[...clusters].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Assignee{' '}
          <input
            key={filters.assignee}
            defaultValue={filters.assignee}
            placeholder="anyone (- for nobody)"
            size={16}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                navigate(
                  withFilters({
                    ...filters,
                    assignee: event.currentTarget.value.trim(),
                    open: undefined,
                  })
                );
              }
            }}
          />
        </label>
      </form>
      {notice !== undefined && <p role="status">{notice}</p>}
      {error !== undefined && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {alerts === undefined ? (
        <p aria-busy="true">Loading alerts…</p>
      ) : alerts.length === 0 ? (
        <p>No alerts match.</p>
      ) : (
        <div className={chosen !== undefined ? 'split' : undefined}>
          <div className="table-wrap">
            <table aria-label="Alerts">
              <thead>
                <tr>
                  <th scope="col">Severity</th>
                  <th scope="col">Alert</th>
                  <th scope="col">Cluster</th>
                  <th scope="col">Who</th>
                  <th scope="col">Events</th>
                  <th scope="col">Last seen</th>
                  <th scope="col">Status</th>
                  <th scope="col">Assignee</th>
                </tr>
              </thead>
              <tbody>
                {alerts.map((alert) => (
                  <tr key={alert.id} aria-selected={alert.id === filters.open}>
                    <td>
                      <span className={`badge ${alert.severity}`}>{alert.severity}</span>
                    </td>
                    <td>
                      <a
                        href={withFilters({ ...filters, open: alert.id })}
                        onClick={(event) => {
                          event.preventDefault();
                          navigate(withFilters({ ...filters, open: alert.id }));
                        }}
                      >
                        {alert.alert.title}
                      </a>
                    </td>
                    <td>{clusters.get(alert.clusterId) ?? alert.clusterId}</td>
                    <td>{alert.alert.identity.username}</td>
                    <td>{alert.count}</td>
                    <td>{alert.lastSeen.replace('T', ' ').slice(0, 19)}</td>
                    <td>{alert.status.replace('_', ' ')}</td>
                    <td>{alert.assignee ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {chosen !== undefined && (
            <AlertDetail
              key={chosen.id}
              alert={chosen}
              clusterName={clusters.get(chosen.clusterId) ?? chosen.clusterId}
              onChanged={(message) => {
                setNotice(message);
                setReloads((count) => count + 1);
              }}
            />
          )}
        </div>
      )}
      {next !== undefined && (
        <button type="button" onClick={loadMore}>
          Load more
        </button>
      )}
    </div>
  );
}

import { useEffect, useState } from 'react';
import { getJson, saveBlob } from '../api.js';
import { navigate } from '../router.js';
import { useApiFailure } from '../use-api-failure.js';
import { apiPath, usePagedList } from '../use-paged-list.js';
import type { Page, Vulnerability } from '../types.js';
import { ExploitedBadge } from './exploited-badge.js';
import { VulnerabilityDetailPanel } from './vulnerability-detail.js';
import { vulnerabilitiesCsv } from './vulnerabilities-csv.js';

const severities = ['', 'critical', 'high', 'medium', 'low', 'unknown'];
const pageSize = 100;
const loadPage = (path: string) => getJson<Page<Vulnerability>>(path);

interface CveFilters {
  severity: string;
  fixable: string;
  exploited: string;
  search: string;
  sort: string;
  open?: string;
}

function filtersOf(location: URL): CveFilters {
  const param = (name: string) => location.searchParams.get(name) ?? '';
  const open = location.searchParams.get('open') ?? undefined;
  return {
    severity: param('severity'),
    fixable: param('fixable'),
    exploited: param('exploited'),
    search: param('search'),
    sort: param('sort'),
    ...(open !== undefined ? { open } : {}),
  };
}

/** The by-CVE view's link: `view=cve` and every filter that is set. */
function linkTo(filters: CveFilters): string {
  const query = new URLSearchParams({ view: 'cve' });
  for (const key of ['severity', 'fixable', 'exploited', 'search', 'sort', 'open'] as const) {
    const value = filters[key];
    if (value !== undefined && value !== '') {
      query.set(key, value);
    }
  }
  return `/vulnerabilities?${query.toString()}`;
}

/** Open findings grouped by vulnerability, a page at a time, with a CVE's detail beside. */
export function VulnerabilitiesByCve({
  location,
  onUnauthorized,
}: {
  location: URL;
  onUnauthorized: () => void;
}) {
  const filters = filtersOf(location);
  const [search, setSearch] = useState(filters.search);
  const [error, fail] = useApiFailure(onUnauthorized);
  const { items, more } = usePagedList(
    apiPath('/api/v1/vulnerabilities', {
      limit: String(pageSize),
      severity: filters.severity,
      fixable: filters.fixable,
      exploited: filters.exploited,
      search: filters.search,
      sort: filters.sort,
    }),
    loadPage,
    fail
  );

  useEffect(() => setSearch(filters.search), [filters.search]);

  const change = (patch: Partial<CveFilters>) => {
    navigate(linkTo({ ...filters, open: undefined, ...patch }));
  };
  const exportCsv = () =>
    saveBlob(
      new Blob([vulnerabilitiesCsv(items ?? [])], { type: 'text/csv' }),
      'palisade-vulnerabilities-by-cve.csv'
    );

  return (
    <div>
      <form
        className="filters"
        aria-label="Filter vulnerabilities by CVE"
        onSubmit={(event) => {
          event.preventDefault();
          change({ search: search.trim() });
        }}
      >
        <label>
          Worst severity{' '}
          <select
            value={filters.severity}
            onChange={(event) => change({ severity: event.target.value })}
          >
            {severities.map((value) => (
              <option key={value} value={value}>
                {value === '' ? 'Any severity' : value}
              </option>
            ))}
          </select>
        </label>
        <label>
          Fix available{' '}
          <select
            value={filters.fixable}
            onChange={(event) => change({ fixable: event.target.value })}
          >
            <option value="">Either</option>
            <option value="true">Fix available</option>
            <option value="false">No fix yet</option>
          </select>
        </label>
        <label>
          Known exploited{' '}
          <select
            value={filters.exploited}
            onChange={(event) => change({ exploited: event.target.value })}
          >
            <option value="">Either</option>
            <option value="true">Known exploited</option>
            <option value="false">Not known exploited</option>
          </select>
        </label>
        <label>
          Sort{' '}
          <select value={filters.sort} onChange={(event) => change({ sort: event.target.value })}>
            <option value="">Worst first</option>
            <option value="images">Most images first</option>
          </select>
        </label>
        <label>
          Search{' '}
          <input
            type="search"
            value={search}
            placeholder="CVE or package"
            maxLength={200}
            onChange={(event) => setSearch(event.target.value)}
          />
        </label>
        <button type="submit">Search</button>
        <button type="button" onClick={exportCsv} disabled={(items ?? []).length === 0}>
          Export CSV
        </button>
      </form>
      {error !== undefined && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className={filters.open !== undefined ? 'split' : undefined}>
        {items === undefined ? (
          <p aria-busy="true">Loading vulnerabilities…</p>
        ) : items.length === 0 ? (
          <p>No vulnerabilities match.</p>
        ) : (
          <div className="table-wrap">
            <table aria-label="Vulnerabilities by CVE">
              <thead>
                <tr>
                  <th scope="col">Vulnerability</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Images</th>
                  <th scope="col">Running workloads</th>
                  <th scope="col">Fix available</th>
                  <th scope="col">First seen</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id} aria-selected={item.id === filters.open}>
                    <td>
                      <a
                        href={linkTo({ ...filters, open: item.id })}
                        onClick={(event) => {
                          event.preventDefault();
                          navigate(linkTo({ ...filters, open: item.id }));
                        }}
                      >
                        {item.id}
                      </a>{' '}
                      <ExploitedBadge exploited={item.knownExploited} />
                    </td>
                    <td>
                      <span className={`badge ${item.severity}`}>{item.severity}</span>
                    </td>
                    <td>{item.images}</td>
                    <td>{item.workloads}</td>
                    <td>{item.fixable ? 'Yes' : 'No fix yet'}</td>
                    <td>{item.firstSeen.slice(0, 10)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {filters.open !== undefined && (
          <VulnerabilityDetailPanel
            key={filters.open}
            id={filters.open}
            onClose={() => navigate(linkTo({ ...filters, open: undefined }))}
            fail={fail}
          />
        )}
      </div>
      {more !== undefined && (
        <button type="button" onClick={more}>
          Load more
        </button>
      )}
    </div>
  );
}

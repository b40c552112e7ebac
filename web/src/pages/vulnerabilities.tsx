import { useCallback, useEffect, useState } from 'react';
import { getJson } from '../api.js';
import { navigate } from '../router.js';
import { useApiFailure } from '../use-api-failure.js';
import type { Finding, Image, Page } from '../types.js';
import { findingsCsv } from './vulnerabilities-csv.js';

const severities = ['', 'critical', 'high', 'medium', 'low', 'unknown'];
const pageSize = 100;

interface Filters {
  severity: string;
  state: string;
  /** One image's findings (the inventory links here), or every image's. */
  image: string;
}

function filtersOf(location: URL): Filters {
  return {
    severity: location.searchParams.get('severity') ?? '',
    state: location.searchParams.get('state') ?? 'open',
    image: location.searchParams.get('image') ?? '',
  };
}

function linkTo(filters: Filters): string {
  const query = new URLSearchParams({ state: filters.state });
  if (filters.severity !== '') {
    query.set('severity', filters.severity);
  }
  if (filters.image !== '') {
    query.set('image', filters.image);
  }
  return `/vulnerabilities?${query.toString()}`;
}

/** Findings across every scanned image, worst first, a page at a time; CSV of what is shown. */
export function VulnerabilitiesPage({
  location,
  onUnauthorized,
}: {
  location: URL;
  onUnauthorized: () => void;
}) {
  const filters = filtersOf(location);
  const [findings, setFindings] = useState<Finding[]>();
  const [next, setNext] = useState<string>();
  const [images, setImages] = useState(new Map<string, string>());

  const [error, fail] = useApiFailure(onUnauthorized);

  const query = useCallback(
    (cursor?: string) => {
      const params = new URLSearchParams({ state: filters.state, limit: String(pageSize) });
      if (filters.severity !== '') {
        params.set('severity', filters.severity);
      }
      if (filters.image !== '') {
        params.set('image', filters.image);
      }
      if (cursor !== undefined) {
        params.set('cursor', cursor);
      }
      return `/api/v1/findings?${params.toString()}`;
    },
    [filters.state, filters.severity, filters.image]
  );

  useEffect(() => {
    let current = true;
    Promise.all([getJson<Page<Finding>>(query()), getJson<Page<Image>>('/api/v1/images?limit=500')])
      .then(([page, known]) => {
        if (current) {
          setFindings(page.items);
          setNext(page.next);
          setImages(
            new Map(
              known.items.map((image) => [
                image.id,
                `${image.repository}${image.tags[0] !== undefined ? `:${image.tags[0]}` : ''}`,
              ])
            )
          );
        }
      })
      .catch(fail);
    return () => {
      current = false;
    };
  }, [query, fail]);

  const imageName = (id: string) => images.get(id) ?? id;
  const download = () => {
    const blob = new Blob([findingsCsv(findings ?? [], imageName)], { type: 'text/csv' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'palisade-vulnerabilities.csv';
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <div>
      <h1>Vulnerabilities</h1>
      <form
        className="filters"
        aria-label="Filter vulnerabilities"
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          Severity{' '}
          <select
            value={filters.severity}
            onChange={(event) => navigate(linkTo({ ...filters, severity: event.target.value }))}
          >
            {severities.map((value) => (
              <option key={value} value={value}>
                {value === '' ? 'Any severity' : value}
              </option>
            ))}
          </select>
        </label>
        <label>
          State{' '}
          <select
            value={filters.state}
            onChange={(event) => navigate(linkTo({ ...filters, state: event.target.value }))}
          >
            <option value="open">Open</option>
            <option value="fixed">Fixed (history)</option>
          </select>
        </label>
        {filters.image !== '' && (
          <button type="button" onClick={() => navigate(linkTo({ ...filters, image: '' }))}>
            Image {imageName(filters.image)} ✕
          </button>
        )}
        <button type="button" onClick={download} disabled={(findings ?? []).length === 0}>
          Export CSV
        </button>
      </form>
      {error !== undefined && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {findings === undefined ? (
        <p aria-busy="true">Loading findings…</p>
      ) : findings.length === 0 ? (
        <p>No findings match.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label="Findings">
            <thead>
              <tr>
                <th scope="col">Vulnerability</th>
                <th scope="col">Severity</th>
                <th scope="col">Package</th>
                <th scope="col">Fixed in</th>
                <th scope="col">Image</th>
                <th scope="col">First seen</th>
              </tr>
            </thead>
            <tbody>
              {findings.map((finding) => (
                <tr key={finding.id}>
                  <td>{finding.vulnerabilityId}</td>
                  <td>
                    <span className={`badge ${finding.severity}`}>{finding.severity}</span>
                  </td>
                  <td>
                    {finding.package.name} {finding.package.version}
                  </td>
                  <td>{finding.fixedVersion ?? 'no fix yet'}</td>
                  <td>{imageName(finding.imageId)}</td>
                  <td>{finding.firstSeen.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next !== undefined && (
        <button
          type="button"
          onClick={() => {
            getJson<Page<Finding>>(query(next))
              .then((page) => {
                setFindings((shown) => [...(shown ?? []), ...page.items]);
                setNext(page.next);
              })
              .catch(fail);
          }}
        >
          Load more
        </button>
      )}
    </div>
  );
}

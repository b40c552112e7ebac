import { useEffect, useState } from 'react';
import { getJson, saveBlob } from '../api.js';
import { navigate } from '../router.js';
import { useApiFailure } from '../use-api-failure.js';
import { apiPath, usePagedList } from '../use-paged-list.js';
import type { Finding, Image, Page } from '../types.js';
import { ExploitedBadge } from './exploited-badge.js';
import { downloadSbom } from './sbom-download.js';
import { VulnerabilitiesByCve } from './vulnerabilities-by-cve.js';
import { findingsCsv } from './vulnerabilities-csv.js';

const severities = ['', 'critical', 'high', 'medium', 'low', 'unknown'];
const pageSize = 100;
const loadPage = (path: string) => getJson<Page<Finding>>(path);

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

/** Two views of the same findings: per finding with its image, or grouped by vulnerability. */
export function VulnerabilitiesPage({
  location,
  onUnauthorized,
}: {
  location: URL;
  onUnauthorized: () => void;
}) {
  const view = location.searchParams.get('view') === 'cve' ? 'cve' : 'image';
  return (
    <div>
      <h1>Vulnerabilities</h1>
      <nav className="view-switch" aria-label="Vulnerability views">
        {(
          [
            ['image', 'By image', '/vulnerabilities'],
            ['cve', 'By CVE', '/vulnerabilities?view=cve'],
          ] as const
        ).map(([value, label, href]) => (
          <a
            key={value}
            href={href}
            aria-current={view === value ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              navigate(href);
            }}
          >
            {label}
          </a>
        ))}
      </nav>
      {view === 'cve' ? (
        <VulnerabilitiesByCve location={location} onUnauthorized={onUnauthorized} />
      ) : (
        <FindingsByImage location={location} onUnauthorized={onUnauthorized} />
      )}
    </div>
  );
}

/** Findings across every scanned image, worst first, a page at a time; CSV of what is shown. */
function FindingsByImage({
  location,
  onUnauthorized,
}: {
  location: URL;
  onUnauthorized: () => void;
}) {
  const filters = filtersOf(location);
  const [images, setImages] = useState(new Map<string, Image>());

  const [error, fail] = useApiFailure(onUnauthorized);
  const { items: findings, more } = usePagedList(
    apiPath('/api/v1/findings', {
      state: filters.state,
      limit: String(pageSize),
      severity: filters.severity,
      image: filters.image,
    }),
    loadPage,
    fail
  );

  // Image names for the rows; read once, not again with every filter.
  useEffect(() => {
    let current = true;
    getJson<Page<Image>>('/api/v1/images?limit=500')
      .then((known) => {
        if (current) {
          setImages(new Map(known.items.map((image) => [image.id, image])));
        }
      })
      .catch(fail);
    return () => {
      current = false;
    };
  }, [fail]);

  const imageName = (id: string) => {
    const image = images.get(id);
    return image === undefined
      ? id
      : `${image.repository}${image.tags[0] !== undefined ? `:${image.tags[0]}` : ''}`;
  };
  const download = () => {
    const blob = new Blob([findingsCsv(findings ?? [], imageName)], { type: 'text/csv' });
    saveBlob(blob, 'palisade-vulnerabilities.csv');
  };

  return (
    <div>
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
                <th scope="col">Fix available</th>
                <th scope="col">Image</th>
                <th scope="col">First seen</th>
                <th scope="col">SBOM</th>
              </tr>
            </thead>
            <tbody>
              {findings.map((finding) => (
                <tr key={finding.id}>
                  <td>
                    <a
                      href={`/vulnerabilities?view=cve&open=${encodeURIComponent(finding.vulnerabilityId)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        navigate(event.currentTarget.getAttribute('href') ?? '/vulnerabilities');
                      }}
                    >
                      {finding.vulnerabilityId}
                    </a>{' '}
                    <ExploitedBadge exploited={finding.knownExploited} />
                  </td>
                  <td>
                    <span className={`badge ${finding.severity}`}>{finding.severity}</span>
                  </td>
                  <td>
                    {finding.package.name} {finding.package.version}
                  </td>
                  <td>
                    {finding.fixedVersion !== undefined
                      ? `Yes: ${finding.fixedVersion}`
                      : 'No fix yet'}
                  </td>
                  <td>{imageName(finding.imageId)}</td>
                  <td>{finding.firstSeen.slice(0, 10)}</td>
                  <td>
                    {images.get(finding.imageId)?.hasSbom === true ? (
                      <button
                        type="button"
                        aria-label={`Download the SBOM of ${imageName(finding.imageId)}`}
                        onClick={() => downloadSbom(finding.imageId, fail)}
                      >
                        SBOM
                      </button>
                    ) : (
                      <span className="muted">none yet</span>
                    )}
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
    </div>
  );
}

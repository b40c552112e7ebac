import { useCallback, useEffect, useMemo, useState } from 'react';
import { getJson } from '../api.js';
import type { PageProps } from '../pages.js';
import { navigate } from '../router.js';
import { useApiFailure } from '../use-api-failure.js';
import type { Cluster, Compliance, ControlStatus, Page, ScoreReport } from '../types.js';
import { CheckSection } from './recommendation-check.js';

interface Filters {
  framework: string;
  cluster: string;
  /** `assessed` (every status but not assessed), `all`, or one status. */
  status: string;
  control: string;
}

const statusChoices: [string, string][] = [
  ['assessed', 'Assessed'],
  ['failing', 'Failing'],
  ['passing', 'Passing'],
  ['exempted', 'Exempted'],
  ['manual', 'Manual'],
  ['not_assessed', 'Not assessed'],
  ['all', 'Any status'],
];

const statusLabels: Record<ControlStatus, string> = {
  failing: 'failing',
  passing: 'passing',
  exempted: 'exempted',
  manual: 'manual',
  not_assessed: 'not assessed',
};

function filtersOf(location: URL): Filters {
  const value = (name: string, fallback = '') => location.searchParams.get(name) ?? fallback;
  return {
    framework: value('framework'),
    cluster: value('cluster'),
    status: value('status', 'assessed'),
    control: value('control'),
  };
}

function linkTo(filters: Filters): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters) as [keyof Filters, string][]) {
    if (value !== '' && !(name === 'status' && value === 'assessed')) {
      query.set(name, value);
    }
  }
  const text = query.toString();
  return text === '' ? '/recommendations' : `/recommendations?${text}`;
}

/**
 * Recommendations and compliance: per framework, the controls with their results; a control
 * opened shows its checks, their remediation and failing resources, and exemptions to add or
 * remove. Every filter is in the URL.
 */
export function RecommendationsPage({ location, onUnauthorized }: PageProps) {
  const filters = filtersOf(location);
  const [view, setView] = useState<Compliance>();
  const [clusters, setClusters] = useState<Cluster[]>([]);
  const [score, setScore] = useState<number>();
  const [notice, setNotice] = useState<string>();
  const [reloads, setReloads] = useState(0);
  const [error, fail] = useApiFailure(onUnauthorized);

  useEffect(() => {
    let current = true;
    const query = filters.cluster !== '' ? `?cluster=${encodeURIComponent(filters.cluster)}` : '';
    Promise.all([
      getJson<Compliance>(`/api/v1/compliance${query}`),
      getJson<Page<Cluster>>('/api/v1/clusters'),
      getJson<ScoreReport>('/api/v1/score'),
    ])
      .then(([answer, known, report]) => {
        if (current) {
          setView(answer);
          setClusters(known.items);
          setScore(
            filters.cluster === ''
              ? report.overall.score
              : report.clusters.find((cluster) => cluster.clusterId === filters.cluster)?.score
          );
        }
      })
      .catch(fail);
    return () => {
      current = false;
    };
  }, [filters.cluster, reloads, fail]);

  const clusterName = useMemo(() => {
    const names = new Map(clusters.map((cluster) => [cluster.id, cluster.name]));
    return (id: string) => names.get(id) ?? id;
  }, [clusters]);
  const changed = useCallback((message: string) => {
    setNotice(message);
    setReloads((count) => count + 1);
  }, []);

  const framework =
    view?.frameworks.find((item) => item.id === filters.framework) ?? view?.frameworks[0];
  const controls = (framework?.controls ?? []).filter(
    (control) =>
      filters.status === 'all' ||
      (filters.status === 'assessed'
        ? control.status !== 'not_assessed'
        : control.status === filters.status)
  );
  const opened = framework?.controls.find((control) => control.id === filters.control);
  const go = (change: Partial<Filters>) => navigate(linkTo({ ...filters, ...change }));

  return (
    <div className="recommendations">
      <h1>Recommendations and compliance</h1>
      <form
        className="filters"
        aria-label="Filter recommendations"
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          Framework{' '}
          <select
            value={framework?.id ?? ''}
            onChange={(event) => go({ framework: event.target.value, control: '' })}
          >
            {(view?.frameworks ?? []).map((item) => (
              <option key={item.id} value={item.id}>
                {item.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Cluster{' '}
          <select value={filters.cluster} onChange={(event) => go({ cluster: event.target.value })}>
            <option value="">All clusters</option>
            {clusters.map((cluster) => (
              <option key={cluster.id} value={cluster.id}>
                {cluster.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Control status{' '}
          <select value={filters.status} onChange={(event) => go({ status: event.target.value })}>
            {statusChoices.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </form>
      {notice !== undefined && <p role="status">{notice}</p>}
      {error !== undefined && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {view === undefined ? (
        <p aria-busy="true">Loading compliance…</p>
      ) : framework === undefined ? (
        <p>No assessment has finished yet: compliance shows once a cluster has been assessed.</p>
      ) : (
        <>
          <div className="tiles">
            <div className="tile">
              <span className="tile-label">{framework.title}</span>
              <span className="tile-value" data-testid="framework-score">
                {framework.score !== undefined ? `${framework.score}%` : '—'}
              </span>
              <span className="tile-note">mean of the controls’ passing shares</span>
            </div>
            <div className="tile">
              <span className="tile-label">Controls failing</span>
              <span className="tile-value" data-testid="controls-failing">
                {framework.controlsByStatus.failing}
              </span>
              <span className="tile-note">
                {framework.controlsByStatus.passing} passing, {framework.controlsByStatus.exempted}{' '}
                exempted
              </span>
            </div>
            <div className="tile">
              <span className="tile-label">
                Secure score{filters.cluster !== '' ? ` of ${clusterName(filters.cluster)}` : ''}
              </span>
              <span className="tile-value" data-testid="page-secure-score">
                {score ?? '—'}
              </span>
              <span className="tile-note">exempted resources do not count against it</span>
            </div>
          </div>
          <div className="table-wrap">
            <table aria-label={`Controls of ${framework.title}`}>
              <thead>
                <tr>
                  <th scope="col">Control</th>
                  <th scope="col">Status</th>
                  <th scope="col">Passed</th>
                  <th scope="col">Failing</th>
                  <th scope="col">Exempted</th>
                  <th scope="col">Manual</th>
                  <th scope="col">Checks</th>
                </tr>
              </thead>
              <tbody>
                {controls.map((control) => (
                  <tr key={control.id} aria-selected={control.id === opened?.id}>
                    <td>
                      <a
                        href={linkTo({ ...filters, framework: framework.id, control: control.id })}
                        aria-expanded={control.id === opened?.id}
                        onClick={(event) => {
                          event.preventDefault();
                          go({
                            framework: framework.id,
                            control: control.id === opened?.id ? '' : control.id,
                          });
                        }}
                      >
                        {control.id}
                      </a>
                    </td>
                    <td>
                      <span className={`status ${control.status}`}>
                        {statusLabels[control.status]}
                      </span>
                    </td>
                    <td>{control.passed}</td>
                    <td>{control.failed}</td>
                    <td>{control.exempted}</td>
                    <td>{control.manual}</td>
                    <td>{control.checks.map((check) => check.title).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {controls.length === 0 && <p>No controls in this status.</p>}
          {opened !== undefined && (
            <section className="panel control-detail" aria-labelledby="control-title">
              <h2 id="control-title">
                {framework.title}: control {opened.id}
              </h2>
              {opened.checks.map((check) => (
                <CheckSection
                  key={check.id}
                  check={check}
                  clusterId={filters.cluster}
                  clusterName={clusterName}
                  reloads={reloads}
                  onChanged={changed}
                  fail={fail}
                />
              ))}
            </section>
          )}
        </>
      )}
    </div>
  );
}

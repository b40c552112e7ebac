import type { PageProps } from '../pages.js';
import type { ChartConfiguration } from 'chart.js';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api.js';
import { ChartCanvas } from '../components/chart.js';
import { navigate } from '../router.js';
import {
  alertCountCap,
  alertSeverities,
  loadOverview,
  type Overview,
  type ScoreLoss,
} from './overview-data.js';

const severityColours: Record<string, string> = {
  critical: '#b3261e',
  high: '#e8710a',
  medium: '#f2b705',
  low: '#5f8dd3',
  informational: '#8a8f98',
};

const controlNames: Record<string, string> = {
  images: 'Vulnerable running images',
  alerts: 'Open security alerts',
};

/** Where to go to win a control's points back. */
function lossLink(loss: ScoreLoss): string {
  const cluster = encodeURIComponent(loss.clusterId);
  return (
    loss.link ??
    (loss.control === 'alerts'
      ? `/alerts?status=new,in_progress&cluster=${cluster}`
      : loss.control === 'images'
        ? `/inventory?tab=workloads&cluster=${cluster}`
        : `/recommendations?cluster=${cluster}`)
  );
}

function countText(count: number): string {
  return count >= alertCountCap ? `${alertCountCap}+` : String(count);
}

/** Score, open alerts, what to fix first, the most vulnerable images and protected vCores. */
export function OverviewPage({ onUnauthorized }: PageProps) {
  const [overview, setOverview] = useState<Overview>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    loadOverview()
      .then((loaded) => current && setOverview(loaded))
      .catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.status === 401) {
          onUnauthorized();
          return;
        }
        if (current) {
          setError(failure instanceof Error ? failure.message : String(failure));
        }
      });
    return () => {
      current = false;
    };
  }, [onUnauthorized]);

  const alertChart = useMemo<ChartConfiguration<'doughnut'> | undefined>(
    () =>
      overview && {
        type: 'doughnut',
        data: {
          labels: alertSeverities,
          datasets: [
            {
              data: alertSeverities.map((severity) => overview.openAlerts[severity] ?? 0),
              backgroundColor: alertSeverities.map(
                (severity) => severityColours[severity] ?? '#888'
              ),
            },
          ],
        },
        options: { plugins: { legend: { position: 'right' } }, animation: false },
      },
    [overview]
  );
  const scoreChart = useMemo<ChartConfiguration<'bar'> | undefined>(
    () =>
      overview && {
        type: 'bar',
        data: {
          labels: overview.score.clusters.map((cluster) => cluster.name),
          datasets: [
            {
              label: 'Secure score',
              data: overview.score.clusters.map((cluster) => cluster.score),
              backgroundColor: '#2f6fdb',
            },
          ],
        },
        options: {
          indexAxis: 'y',
          scales: { x: { min: 0, max: 100 } },
          plugins: { legend: { display: false } },
          animation: false,
        },
      },
    [overview]
  );

  const trendChart = useMemo<ChartConfiguration<'line'> | undefined>(
    () =>
      overview && {
        type: 'line',
        data: {
          labels: overview.scoreHistory.map((point) => point.at.slice(0, 10)),
          datasets: [
            {
              label: 'Secure score',
              data: overview.scoreHistory.map((point) => point.score),
              borderColor: '#2f6fdb',
              backgroundColor: '#2f6fdb',
              pointRadius: 0,
              tension: 0.2,
            },
          ],
        },
        options: {
          scales: { y: { min: 0, max: 100 }, x: { ticks: { maxTicksLimit: 8 } } },
          plugins: { legend: { display: false } },
          animation: false,
        },
      },
    [overview]
  );
  const alertTrendChart = useMemo<ChartConfiguration<'bar'> | undefined>(
    () =>
      overview && {
        type: 'bar',
        data: {
          labels: overview.alertDays.map((entry) => entry.day.slice(5)),
          datasets: alertSeverities.map((severity) => ({
            label: severity,
            data: overview.alertDays.map((entry) => entry.counts[severity] ?? 0),
            backgroundColor: severityColours[severity] ?? '#888',
          })),
        },
        options: {
          scales: {
            x: { stacked: true, ticks: { maxTicksLimit: 10 } },
            y: { stacked: true, ticks: { precision: 0 } },
          },
          plugins: { legend: { position: 'bottom' } },
          animation: false,
        },
      },
    [overview]
  );

  if (error !== undefined) {
    return (
      <p role="alert" className="error">
        The overview could not be loaded: {error}
      </p>
    );
  }
  if (
    overview === undefined ||
    alertChart === undefined ||
    scoreChart === undefined ||
    trendChart === undefined ||
    alertTrendChart === undefined
  ) {
    return <p aria-busy="true">Loading the overview…</p>;
  }
  const openTotal = alertSeverities.reduce(
    (sum, severity) => sum + (overview.openAlerts[severity] ?? 0),
    0
  );
  const first = overview.scoreHistory[0];
  const change = first === undefined ? undefined : overview.score.overall.score - first.score;
  const newAlerts = overview.alertDays.reduce(
    (sum, entry) => sum + Object.values(entry.counts).reduce((a, b) => a + b, 0),
    0
  );
  return (
    <div className="overview">
      <h1>Overview</h1>
      <section className="tiles" aria-label="Key figures">
        <div className="tile">
          <span className="tile-label">Secure score</span>
          <span className="tile-value" data-testid="overall-score">
            {overview.score.overall.score}
          </span>
          <span className="tile-note">
            {overview.score.overall.earned} of {overview.score.overall.max} points
          </span>
        </div>
        <div className="tile">
          <span className="tile-label">Open alerts</span>
          <span className="tile-value" data-testid="open-alerts">
            {countText(openTotal)}
          </span>
          <span className="tile-note">
            {countText(overview.openAlerts['critical'] ?? 0)} critical,{' '}
            {countText(overview.openAlerts['high'] ?? 0)} high
          </span>
        </div>
        <div className="tile">
          <span className="tile-label">Clusters</span>
          <span className="tile-value" data-testid="clusters">
            {overview.score.clusters.length}
          </span>
          <span className="tile-note">{overview.score.accounts.length} cloud accounts</span>
        </div>
        <div className="tile">
          <span className="tile-label">Protected vCores</span>
          <span className="tile-value" data-testid="vcores">
            {overview.vcores}
          </span>
          <span className="tile-note">latest day metered, per cluster</span>
        </div>
      </section>

      <section className="panels">
        <article className="panel" aria-labelledby="trend-title">
          <h2 id="trend-title">Secure score, last 30 days</h2>
          {overview.scoreHistory.length < 2 ? (
            <p>
              The score is recorded every hour; its trend appears once there are two recordings.
            </p>
          ) : (
            <>
              <ChartCanvas config={trendChart} label="Overall secure score over the last 30 days" />
              <p className="tile-note" data-testid="score-change">
                {change === undefined || change === 0
                  ? 'unchanged'
                  : `${change > 0 ? '+' : ''}${Math.round(change * 10) / 10} points`}{' '}
                since {first?.at.slice(0, 10)}
              </p>
            </>
          )}
        </article>
        <article className="panel" aria-labelledby="alert-trend-title">
          <h2 id="alert-trend-title">New alerts per day</h2>
          <ChartCanvas
            config={alertTrendChart}
            label="Alerts first seen on each of the last 30 days, by severity"
          />
          <p className="tile-note" data-testid="alerts-30-days">
            {newAlerts} new in 30 days
          </p>
        </article>
        <article className="panel" aria-labelledby="scores-title">
          <h2 id="scores-title">Score per cluster</h2>
          {overview.score.clusters.length === 0 ? (
            <p>No clusters yet: add one in the API (`POST /api/v1/clusters`).</p>
          ) : (
            <ChartCanvas config={scoreChart} label="Secure score of each cluster, 0 to 100" />
          )}
          {overview.score.accounts.length > 0 && (
            <table aria-label="Score per account">
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Clusters</th>
                  <th scope="col">Score</th>
                </tr>
              </thead>
              <tbody>
                {overview.score.accounts.map((account) => (
                  <tr key={account.accountId}>
                    <td>{account.accountId}</td>
                    <td>{account.clusters.length}</td>
                    <td data-testid="account-score">{account.score}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
        <article className="panel" aria-labelledby="alerts-title">
          <h2 id="alerts-title">Open alerts by severity</h2>
          <ChartCanvas config={alertChart} label="Open alerts by severity" />
          <ul className="legend-text">
            {alertSeverities.map((severity) => (
              <li key={severity} data-testid={`alerts-${severity}`}>
                {severity}: {countText(overview.openAlerts[severity] ?? 0)}
              </li>
            ))}
          </ul>
        </article>
        <article className="panel" aria-labelledby="losses-title">
          <h2 id="losses-title">Fix first: points lost</h2>
          {overview.losses.length === 0 ? (
            <p>Nothing costs points.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Control</th>
                  <th scope="col">Cluster</th>
                  <th scope="col">Unhealthy</th>
                  <th scope="col">Points lost</th>
                </tr>
              </thead>
              <tbody>
                {overview.losses.map((loss) => (
                  <tr key={`${loss.clusterName} ${loss.control}`}>
                    <td>
                      <a
                        href={lossLink(loss)}
                        onClick={(event) => {
                          event.preventDefault();
                          navigate(lossLink(loss));
                        }}
                      >
                        {loss.title ?? controlNames[loss.control] ?? loss.control}
                      </a>
                      <br />
                      <span className="muted">{loss.control}</span>
                    </td>
                    <td>{loss.clusterName}</td>
                    <td>{loss.unhealthy}</td>
                    <td>{loss.lost}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
        <article className="panel" aria-labelledby="images-title">
          <h2 id="images-title">Most vulnerable running images</h2>
          {overview.vulnerable.length === 0 ? (
            <p>No scanned image has critical, high or medium findings.</p>
          ) : (
            <table aria-label="Most vulnerable images">
              {overview.vulnerable[0]?.workloads === undefined && (
                <caption className="muted">
                  No workload runs a vulnerable scanned image; these are the registries’ worst.
                </caption>
              )}
              <thead>
                <tr>
                  <th scope="col">Image</th>
                  <th scope="col">Workloads</th>
                  <th scope="col">Critical</th>
                  <th scope="col">High</th>
                  <th scope="col">Medium</th>
                </tr>
              </thead>
              <tbody>
                {overview.vulnerable.map((image) => (
                  <tr key={image.id} data-testid="vulnerable-image">
                    <td>
                      <a
                        href={`/vulnerabilities?image=${encodeURIComponent(image.id)}`}
                        onClick={(event) => {
                          event.preventDefault();
                          navigate(`/vulnerabilities?image=${encodeURIComponent(image.id)}`);
                        }}
                      >
                        {image.repository}
                        {image.tags[0] !== undefined ? `:${image.tags[0]}` : ''}
                      </a>
                    </td>
                    <td>{image.workloads ?? '—'}</td>
                    <td>{image.findings.critical}</td>
                    <td>{image.findings.high}</td>
                    <td>{image.findings.medium}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      </section>
    </div>
  );
}

import { Fragment, useCallback, useEffect, useState } from 'react';
import { ApiError, getJson, sendJson } from '../api.js';
import type { ComplianceCheck, Exemption, Page, Recommendation } from '../types.js';
import { categoryLabels, ExemptionForm } from './exemption-form.js';

const pageSize = 50;

function resourceKey(resource: Recommendation['resource']): string {
  return `${resource.kind}/${resource.namespace ?? ''}/${resource.name}`;
}

function resourceLabel(resource: Recommendation['resource']): string {
  return [resource.kind, resource.namespace, resource.name].filter(Boolean).join(' / ');
}

const day = (time: string | undefined): string => (time === undefined ? '' : time.slice(0, 10));

/**
 * One check of a control: its remediation, its failing resources a page at a time (the
 * exempted ones with their exemption), and every exemption of the check, expired ones too.
 */
export function CheckSection({
  check,
  clusterId,
  clusterName,
  reloads,
  onChanged,
  fail,
}: {
  check: ComplianceCheck;
  /** '' for every cluster. */
  clusterId: string;
  clusterName: (id: string) => string;
  reloads: number;
  onChanged: (message: string) => void;
  fail: (failure: unknown) => void;
}) {
  const [failing, setFailing] = useState<Recommendation[]>();
  const [next, setNext] = useState<string>();
  const [exemptions, setExemptions] = useState<Exemption[]>([]);
  /** The recommendation whose exemption form is open, or `check` for the whole check. */
  const [exempting, setExempting] = useState<string>();
  const [error, setError] = useState<string>();

  const failingQuery = useCallback(
    (cursor?: string) => {
      const params = new URLSearchParams({
        check: check.id,
        status: 'fail',
        limit: String(pageSize),
      });
      if (clusterId !== '') {
        params.set('cluster', clusterId);
      }
      if (cursor !== undefined) {
        params.set('cursor', cursor);
      }
      return `/api/v1/recommendations?${params.toString()}`;
    },
    [check.id, clusterId]
  );

  useEffect(() => {
    let current = true;
    const scope = new URLSearchParams({ check: check.id, limit: '100' });
    if (clusterId !== '') {
      scope.set('cluster', clusterId);
    }
    Promise.all([
      getJson<Page<Recommendation>>(failingQuery()),
      getJson<Page<Exemption>>(`/api/v1/exemptions?${scope.toString()}`),
    ])
      .then(([page, known]) => {
        if (current) {
          setFailing(page.items);
          setNext(page.next);
          setExemptions(known.items);
        }
      })
      .catch(fail);
    return () => {
      current = false;
    };
  }, [failingQuery, check.id, clusterId, reloads, fail]);

  const loadMore = () => {
    if (next !== undefined) {
      getJson<Page<Recommendation>>(failingQuery(next))
        .then((page) => {
          setFailing((shown) => [...(shown ?? []), ...page.items]);
          setNext(page.next);
        })
        .catch(fail);
    }
  };

  const remove = (id: string, what: string) => {
    setError(undefined);
    sendJson('DELETE', `/api/v1/exemptions/${encodeURIComponent(id)}`)
      .then(() => onChanged(`Removed the exemption of ${what}.`))
      .catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.status !== 401) {
          setError(failure.message);
        } else {
          fail(failure);
        }
      });
  };
  const done = (message: string) => {
    setExempting(undefined);
    onChanged(message);
  };
  const everywhere = clusterId === '' ? 'on every cluster' : `on ${clusterName(clusterId)}`;

  return (
    <section className="check" aria-labelledby={`check-${check.id}`}>
      <h3 id={`check-${check.id}`}>
        <span className={`badge ${check.severity}`}>{check.severity}</span> {check.title}
      </h3>
      <p className="muted">
        {check.id}: {check.passed} passed, {check.failed} failing, {check.exempted} exempted
        {check.manual > 0 ? `, ${check.manual} to check by hand` : ''}
      </p>
      <p className="remediation" data-testid={`remediation-${check.id}`}>
        <strong>Remediation:</strong> {check.remediation || 'see the check’s documentation.'}
      </p>
      {check.failed > 0 && exempting !== 'check' && (
        <button type="button" onClick={() => setExempting('check')}>
          Exempt every failing resource of this check
        </button>
      )}
      {exempting === 'check' && (
        <ExemptionForm
          scope={{
            check: check.id,
            ...(clusterId !== '' ? { clusterId } : {}),
            describe: `every failing resource of ${check.id} ${everywhere}`,
          }}
          onDone={done}
          onCancel={() => setExempting(undefined)}
        />
      )}
      {error !== undefined && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {failing === undefined ? (
        <p aria-busy="true">Loading failing resources…</p>
      ) : failing.length === 0 ? (
        <p>No failing resources.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label={`Failing resources of ${check.id}`}>
            <thead>
              <tr>
                <th scope="col">Resource</th>
                <th scope="col">Cluster</th>
                <th scope="col">Finding</th>
                <th scope="col">Exemption</th>
              </tr>
            </thead>
            <tbody>
              {failing.map((item) => {
                const label = resourceLabel(item.resource);
                const { exemption } = item;
                return (
                  <Fragment key={item.id}>
                    <tr data-testid="failing-resource">
                      <td>{label}</td>
                      <td>{clusterName(item.clusterId)}</td>
                      <td>{item.message}</td>
                      <td>
                        {exemption !== undefined ? (
                          <span className="exempted" data-testid="exemption">
                            <span className="badge exempt">exempted</span>{' '}
                            {categoryLabels[exemption.category]}: {exemption.reason}
                            {exemption.expiresAt !== undefined
                              ? ` (until ${day(exemption.expiresAt)})`
                              : ''}
                            {exemption.scope !== 'resource'
                              ? ` — covers its whole ${exemption.scope}`
                              : ''}{' '}
                            <button
                              type="button"
                              onClick={() => remove(exemption.id, label)}
                              aria-label={`Remove the exemption of ${label}`}
                            >
                              Remove exemption
                            </button>
                          </span>
                        ) : (
                          <button
                            type="button"
                            aria-label={`Exempt ${label}`}
                            onClick={() => setExempting(item.id)}
                          >
                            Exempt
                          </button>
                        )}
                      </td>
                    </tr>
                    {exempting === item.id && (
                      <tr>
                        <td colSpan={4}>
                          <ExemptionForm
                            scope={{
                              check: check.id,
                              clusterId: item.clusterId,
                              resource: resourceKey(item.resource),
                              describe: `${label} on ${clusterName(item.clusterId)}`,
                            }}
                            onDone={done}
                            onCancel={() => setExempting(undefined)}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {next !== undefined && (
        <button type="button" onClick={loadMore}>
          More failing resources
        </button>
      )}
      {exemptions.length > 0 && (
        <h4 id={`exemptions-${check.id}`}>Exemptions of this check, expired ones included</h4>
      )}
      {exemptions.length > 0 && (
        <div className="table-wrap">
          <table aria-label={`Exemptions of ${check.id}`}>
            <thead>
              <tr>
                <th scope="col">Covers</th>
                <th scope="col">Cluster</th>
                <th scope="col">Category</th>
                <th scope="col">Reason</th>
                <th scope="col">Expires</th>
                <th scope="col">State</th>
                <th scope="col">By</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {exemptions.map((exemption) => {
                const covers =
                  exemption.resource ??
                  (exemption.namespace !== undefined
                    ? `namespace ${exemption.namespace}`
                    : 'every resource');
                return (
                  <tr key={exemption.id}>
                    <td>{covers}</td>
                    <td>
                      {exemption.clusterId !== undefined
                        ? clusterName(exemption.clusterId)
                        : 'every cluster'}
                    </td>
                    <td>{categoryLabels[exemption.category]}</td>
                    <td>{exemption.reason}</td>
                    <td>{day(exemption.expiresAt) || 'never'}</td>
                    <td>{exemption.state}</td>
                    <td>{exemption.createdBy}</td>
                    <td>
                      <button
                        type="button"
                        aria-label={`Remove the exemption of ${covers}`}
                        onClick={() => remove(exemption.id, covers)}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

import { useState } from 'react';
import { sendJson } from '../../api.js';
import { ConfirmButton, FailureNote, RoleNote, useAction } from './settings-parts.js';
import {
  allows,
  needs,
  shortTime,
  type ClusterRecord,
  type CurrentToken,
  type SuppressionRule,
} from './settings-types.js';
import { useApiData } from './use-api-data.js';

interface Listing {
  rules: SuppressionRule[];
  clusters: Map<string, string>;
}

function matchText(match: SuppressionRule['match']): string {
  return Object.entries(match)
    .map(([dimension, globs]) => `${dimension}: ${(globs ?? []).join(', ')}`)
    .join('; ');
}

/** Suppression rules (made from an alert's detail): what each covers, until when, and delete. */
export function SuppressionTab({
  who,
  onUnauthorized,
  now = new Date(),
}: {
  who: CurrentToken;
  onUnauthorized: () => void;
  now?: Date;
}) {
  const [reloads, setReloads] = useState(0);
  const rules = useApiData<{ items: SuppressionRule[] }>(
    '/api/v1/suppression-rules',
    reloads,
    onUnauthorized
  );
  const clusters = useApiData<{ items: ClusterRecord[] }>('/api/v1/clusters', 0, onUnauthorized);
  const [notice, setNotice] = useState<string>();
  const act = useAction(onUnauthorized);
  const listing: Listing | undefined =
    rules.data === undefined
      ? undefined
      : {
          rules: rules.data.items,
          clusters: new Map(clusters.data?.items.map((cluster) => [cluster.id, cluster.name])),
        };

  const remove = (rule: SuppressionRule) =>
    void act.run(async () => {
      await sendJson('DELETE', `/api/v1/suppression-rules/${encodeURIComponent(rule.id)}`);
      setNotice('Suppression rule deleted; the alerts it dismissed stay dismissed.');
      setReloads((count) => count + 1);
    });
  const canRemove = allows(who, needs.removeRule);

  return (
    <section className="panel" aria-labelledby="rule-list">
      <h2 id="rule-list">Suppression rules</h2>
      <p className="muted">
        Alerts a rule covers are stored dismissed and not notified. Make one from an alert’s detail
        (“Suppress this rule for this user”).
      </p>
      {notice !== undefined && <p role="status">{notice}</p>}
      <FailureNote failure={act.failure} />
      <RoleNote who={who} needed={needs.removeRule} what="deleting a suppression rule" />
      {rules.refused !== undefined && <p className="error">{rules.refused.message}</p>}
      {listing === undefined ? (
        rules.refused === undefined && <p aria-busy="true">Loading suppression rules…</p>
      ) : listing.rules.length === 0 ? (
        <p>No suppression rules.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label="Suppression rules">
            <thead>
              <tr>
                <th scope="col">Matches</th>
                <th scope="col">Clusters</th>
                <th scope="col">Reason</th>
                <th scope="col">By</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {listing.rules.map((rule) => {
                const expired =
                  rule.expires !== undefined && Date.parse(rule.expires) <= now.getTime();
                return (
                  <tr key={rule.id}>
                    <td className="wrap">{matchText(rule.match)}</td>
                    <td>
                      {rule.clusters === undefined
                        ? 'all'
                        : rule.clusters.map((id) => listing.clusters.get(id) ?? id).join(', ')}
                    </td>
                    <td className="wrap">{rule.reason}</td>
                    <td>{rule.createdBy}</td>
                    <td>{shortTime(rule.createdAt)}</td>
                    <td>
                      {rule.expires === undefined ? 'never' : shortTime(rule.expires)}
                      {expired && <span className="badge expired"> expired</span>}
                    </td>
                    <td>
                      {canRemove && (
                        <ConfirmButton
                          label="Delete"
                          subject={`the rule “${rule.reason}”`}
                          question="Delete this rule? New matching alerts are raised again."
                          disabled={act.busy}
                          onConfirm={() => remove(rule)}
                        />
                      )}
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

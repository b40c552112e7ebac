import { useState, type SyntheticEvent } from 'react';
import { sendJson } from '../../api.js';
import { webhookUrl, WebhookToken } from './cluster-webhook.js';
import { ConfirmButton, FailureNote, RoleNote, SelectField, useAction } from './settings-parts.js';
import {
  allows,
  needs,
  shortTime,
  type AuditWebhook,
  type ClusterRecord,
  type CurrentToken,
} from './settings-types.js';
import { useApiData } from './use-api-data.js';

type Connection = 'inline' | 'path' | 'default' | 'eks';

const connections: [Connection, string][] = [
  ['inline', 'Paste a kubeconfig'],
  ['path', 'A kubeconfig file on the workers'],
  ['default', 'The workers’ own credentials'],
  ['eks', 'Amazon EKS'],
];

interface ClusterForm {
  name: string;
  connection: Connection;
  kubeconfigData: string;
  kubeconfig: string;
  context: string;
  accountId: string;
  region: string;
}

const emptyForm: ClusterForm = {
  name: '',
  connection: 'inline',
  kubeconfigData: '',
  kubeconfig: '',
  context: '',
  accountId: '',
  region: '',
};

/** The body of `POST /clusters` for the form, leaving out what is blank. */
function clusterBody(form: ClusterForm): Record<string, unknown> {
  const given = (value: string) => value.trim() !== '';
  if (form.connection === 'eks') {
    return {
      name: form.name.trim(),
      source: 'eks',
      config: {
        ...(given(form.accountId) ? { accountId: form.accountId.trim() } : {}),
        ...(given(form.region) ? { region: form.region.trim() } : {}),
      },
    };
  }
  return {
    name: form.name.trim(),
    source: 'kubeconfig-context',
    config: {
      ...(form.connection === 'inline' ? { kubeconfigData: form.kubeconfigData } : {}),
      ...(form.connection === 'path' ? { kubeconfig: form.kubeconfig.trim() } : {}),
      ...(given(form.context) ? { context: form.context.trim() } : {}),
    },
  };
}

function reachedBy(cluster: ClusterRecord): string {
  const text = (key: string) => {
    const value = cluster.config[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  if (cluster.source === 'eks') {
    return ['EKS', text('accountId'), text('region')].filter(Boolean).join(' ');
  }
  const how = cluster.hasKubeconfigData
    ? 'inline kubeconfig (sealed)'
    : text('kubeconfig') !== undefined
      ? `file ${text('kubeconfig')}`
      : 'the workers’ own credentials';
  const context = text('context');
  return context !== undefined ? `${how}, context ${context}` : how;
}

const auditPath = (id: string) => `/api/v1/clusters/${encodeURIComponent(id)}/audit`;

/** Clusters: how each is reached, its audit-webhook URL, add one, a new webhook token, remove. */
export function ClustersTab({
  who,
  onUnauthorized,
}: {
  who: CurrentToken;
  onUnauthorized: () => void;
}) {
  const [reloads, setReloads] = useState(0);
  const { data, refused } = useApiData<{ items: ClusterRecord[] }>(
    '/api/v1/clusters',
    reloads,
    onUnauthorized
  );
  const [form, setForm] = useState(emptyForm);
  const [issued, setIssued] = useState<{
    clusterName: string;
    source: string;
    path: string;
    token: string;
  }>();
  const [notice, setNotice] = useState<string>();
  const add = useAction(onUnauthorized);
  const act = useAction(onUnauthorized);

  const set = (key: keyof ClusterForm) => (event: { target: { value: string } }) =>
    setForm((shown) => ({ ...shown, [key]: event.target.value }));

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    await add.run(async () => {
      const body = clusterBody(form);
      const added = await sendJson<ClusterRecord & { auditWebhook: Required<AuditWebhook> }>(
        'POST',
        '/api/v1/clusters',
        body
      );
      setIssued({
        clusterName: added.name,
        source: added.source,
        path: added.auditWebhook.path,
        token: added.auditWebhook.token,
      });
      setNotice(`Cluster “${added.name}” added; its first assessment is queued.`);
      setForm(emptyForm);
      setReloads((count) => count + 1);
    });
  };

  const rotate = (cluster: ClusterRecord) =>
    void act.run(async () => {
      const hook = await sendJson<Required<AuditWebhook>>(
        'POST',
        `/api/v1/clusters/${encodeURIComponent(cluster.id)}/audit-webhook/rotate`
      );
      setIssued({ clusterName: cluster.name, source: cluster.source, ...hook });
      setNotice(`A new audit-webhook token for “${cluster.name}”; the earlier one is refused.`);
    });
  const remove = (cluster: ClusterRecord) =>
    void act.run(async () => {
      await sendJson('DELETE', `/api/v1/clusters/${encodeURIComponent(cluster.id)}`);
      setNotice(`Cluster “${cluster.name}” removed.`);
      setReloads((count) => count + 1);
    });

  const canAdd = allows(who, needs.addCluster);
  const canRotate = allows(who, needs.rotateWebhook);
  const canRemove = allows(who, needs.removeCluster);
  const kubeconfigConnection = form.connection !== 'eks';

  return (
    <>
      <section className="panel" aria-labelledby="cluster-add">
        <h2 id="cluster-add">Add a cluster</h2>
        <RoleNote who={who} needed={needs.addCluster} what="adding a cluster" />
        {canAdd && (
          <form className="settings-form" onSubmit={(event) => void submit(event)}>
            <label>
              Name
              <input
                name="cluster-name"
                required
                maxLength={256}
                value={form.name}
                onChange={set('name')}
              />
            </label>
            <SelectField
              label="Connection"
              value={form.connection}
              options={connections}
              onChange={(value) =>
                setForm((shown) => ({ ...shown, connection: value as Connection }))
              }
            />
            {form.connection === 'inline' && (
              <label className="wide">
                Kubeconfig (self-contained: no exec plugins or file references; stored encrypted)
                <textarea
                  name="cluster-kubeconfig-data"
                  rows={8}
                  required
                  spellCheck={false}
                  value={form.kubeconfigData}
                  onChange={set('kubeconfigData')}
                />
              </label>
            )}
            {form.connection === 'path' && (
              <label className="wide">
                Kubeconfig path (absolute, on the machines that run workers)
                <input
                  name="cluster-kubeconfig"
                  required
                  placeholder="/etc/palisade/prod.kubeconfig"
                  value={form.kubeconfig}
                  onChange={set('kubeconfig')}
                />
              </label>
            )}
            {kubeconfigConnection && (
              <label>
                Context (optional; else the current one)
                <input name="cluster-context" value={form.context} onChange={set('context')} />
              </label>
            )}
            {form.connection === 'eks' && (
              <>
                <label>
                  AWS account id (optional)
                  <input
                    name="cluster-account"
                    inputMode="numeric"
                    value={form.accountId}
                    onChange={set('accountId')}
                  />
                </label>
                <label>
                  Region (optional)
                  <input
                    name="cluster-region"
                    placeholder="eu-west-1"
                    value={form.region}
                    onChange={set('region')}
                  />
                </label>
              </>
            )}
            <button type="submit" disabled={add.busy}>
              Add cluster
            </button>
          </form>
        )}
        <FailureNote failure={add.failure} />
        {issued !== undefined && <WebhookToken {...issued} onDone={() => setIssued(undefined)} />}
      </section>
      <section className="panel" aria-labelledby="cluster-list">
        <h2 id="cluster-list">Clusters</h2>
        {notice !== undefined && <p role="status">{notice}</p>}
        <FailureNote failure={act.failure} />
        <p className="muted">
          A lost audit-webhook token cannot be shown again: issue a new one, and the old one is
          refused from then on.
        </p>
        <RoleNote who={who} needed={needs.removeCluster} what="removing a cluster" />
        {refused !== undefined && <p className="error">{refused.message}</p>}
        {data === undefined ? (
          refused === undefined && <p aria-busy="true">Loading clusters…</p>
        ) : data.items.length === 0 ? (
          <p>No clusters yet.</p>
        ) : (
          <div className="table-wrap">
            <table aria-label="Clusters">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Reached by</th>
                  <th scope="col">Audit-webhook URL</th>
                  <th scope="col">Added</th>
                  <th scope="col">Last assessed</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((cluster) => (
                  <tr key={cluster.id}>
                    <td>{cluster.name}</td>
                    <td>{reachedBy(cluster)}</td>
                    <td className="wrap">
                      <code>{webhookUrl(auditPath(cluster.id))}</code>
                    </td>
                    <td>{shortTime(cluster.createdAt)}</td>
                    <td>{shortTime(cluster.lastAssessedAt)}</td>
                    <td>
                      <div className="row-actions">
                        {canRotate && (
                          <ConfirmButton
                            label="New webhook token"
                            subject={`for ${cluster.name}`}
                            question={`Issue a new audit-webhook token for “${cluster.name}”? The current one stops working at once.`}
                            disabled={act.busy}
                            onConfirm={() => rotate(cluster)}
                          />
                        )}
                        {canRemove && (
                          <ConfirmButton
                            label="Remove"
                            subject={cluster.name}
                            question={`Remove “${cluster.name}” with its alerts, recommendations and webhook tokens?`}
                            disabled={act.busy}
                            onConfirm={() => remove(cluster)}
                          />
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

import { useEffect, useState } from 'react';
import { ApiError, getJson, sendJson } from '../api.js';
import type { Alert } from '../types.js';

interface RawEvent {
  auditId: string;
  receivedAt: string;
  event: unknown;
}

/** One alert: what happened, its evidence, and what can be done about it. */
export function AlertDetail({
  alert,
  clusterName,
  onChanged,
}: {
  alert: Alert;
  clusterName: string;
  onChanged: (message: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [assignee, setAssignee] = useState(alert.assignee ?? '');
  const [rawEvents, setRawEvents] = useState<RawEvent[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const path = `/api/v1/alerts/${encodeURIComponent(alert.id)}`;

  useEffect(() => {
    let current = true;
    setRawEvents(undefined);
    getJson<{ items: RawEvent[] }>(`${path}/events`)
      .then((answer) => current && setRawEvents(answer.items))
      .catch((failure: unknown) => {
        if (current) {
          setError(failure instanceof ApiError ? failure.message : String(failure));
        }
      });
    return () => {
      current = false;
    };
  }, [path]);

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await work());
      setReason('');
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  const setStatus = (status: Alert['status'], withReason?: string) =>
    act(async () => {
      await sendJson('PATCH', path, { status, ...(withReason ? { reason: withReason } : {}) });
      return `Alert marked ${status.replace('_', ' ')}.`;
    });
  const assign = (to: string | null) =>
    act(async () => {
      await sendJson('PATCH', path, { assignee: to });
      return to === null ? 'Alert unassigned.' : `Alert assigned to ${to}.`;
    });
  const suppress = () =>
    act(async () => {
      const answer = await sendJson<{ dismissed?: number }>('POST', '/api/v1/suppression-rules', {
        match: { rules: [alert.rule], users: [alert.alert.identity.username] },
        clusters: [alert.clusterId],
        reason: reason.trim(),
        applyToExisting: true,
      });
      return `Suppression rule created; ${answer.dismissed ?? 0} open alerts dismissed.`;
    });

  const { object, evidence } = alert.alert;
  return (
    <section className="panel detail" aria-labelledby="alert-title">
      <h2 id="alert-title">{alert.alert.title}</h2>
      <p>{alert.alert.message}</p>
      <dl className="facts">
        <dt>Severity</dt>
        <dd>{alert.severity}</dd>
        <dt>Status</dt>
        <dd data-testid="alert-status">
          {alert.status.replace('_', ' ')}
          {alert.dismissReason !== undefined ? ` (${alert.dismissReason})` : ''}
        </dd>
        <dt>Cluster</dt>
        <dd>{clusterName}</dd>
        <dt>Who</dt>
        <dd>{alert.alert.identity.username}</dd>
        <dt>Object</dt>
        <dd>
          {object === undefined
            ? '—'
            : [
                object.namespace,
                `${object.resource}${object.subresource ? `/${object.subresource}` : ''}`,
                object.name,
              ]
                .filter(Boolean)
                .join(' / ')}
        </dd>
        <dt>Events</dt>
        <dd>
          {alert.count}, {alert.firstSeen} to {alert.lastSeen}
        </dd>
        <dt>Assigned to</dt>
        <dd data-testid="alert-assignee">{alert.assignee ?? 'nobody'}</dd>
        <dt>MITRE ATT&amp;CK</dt>
        <dd>
          <ul className="techniques">
            {alert.techniques.map((technique) => (
              <li key={technique.id}>
                {technique.url !== undefined ? (
                  <a href={technique.url} rel="noreferrer" target="_blank">
                    {technique.id}
                  </a>
                ) : (
                  technique.id
                )}
                {technique.name !== undefined ? ` ${technique.name}` : ''}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Source IPs</dt>
        <dd>{alert.alert.sourceIPs.join(', ') || '—'}</dd>
      </dl>
      <h3>Evidence</h3>
      <table>
        <tbody>
          {Object.entries(evidence.fields).map(([field, value]) => (
            <tr key={field}>
              <th scope="row">{field}</th>
              <td>{value}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">audit IDs</th>
            <td>{evidence.auditIDs.join(', ')}</td>
          </tr>
        </tbody>
      </table>
      <h3>Raw events</h3>
      {rawEvents === undefined ? (
        <p aria-busy="true">Loading the raw events…</p>
      ) : rawEvents.length === 0 ? (
        <p className="muted">No raw events were kept for this alert.</p>
      ) : (
        <>
          <p className="muted">
            The first {rawEvents.length} audit events, as received; Secret and ConfigMap values and
            literal environment values are redacted.
          </p>
          {rawEvents.map((entry) => (
            <details key={entry.auditId} className="raw-event" data-testid="raw-event">
              <summary>
                {entry.auditId} <span className="muted">received {entry.receivedAt}</span>
              </summary>
              <pre>{JSON.stringify(entry.event, null, 2)}</pre>
            </details>
          ))}
        </>
      )}
      <h3>Act</h3>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void assign(assignee.trim());
        }}
      >
        <label htmlFor="assignee">Assign to</label>
        <input
          id="assignee"
          value={assignee}
          maxLength={256}
          onChange={(event) => setAssignee(event.target.value)}
          placeholder="a person or team"
        />
        <button type="submit" disabled={busy || assignee.trim() === ''}>
          Assign
        </button>
        {alert.assignee !== undefined && (
          <button type="button" disabled={busy} onClick={() => void assign(null)}>
            Unassign
          </button>
        )}
      </form>
      <label htmlFor="reason">Reason (needed to dismiss or suppress)</label>
      <textarea
        id="reason"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        rows={2}
      />
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void setStatus('in_progress')}>
          Take it on
        </button>
        <button type="button" disabled={busy} onClick={() => void setStatus('resolved')}>
          Resolve
        </button>
        <button
          type="button"
          disabled={busy || reason.trim() === ''}
          onClick={() => void setStatus('dismissed', reason.trim())}
        >
          Dismiss
        </button>
        <button
          type="button"
          disabled={busy || reason.trim() === ''}
          onClick={() => void suppress()}
        >
          Suppress this rule for this user
        </button>
      </div>
      {error !== undefined && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}

import { useState, type SyntheticEvent } from 'react';
import { sendJson } from '../../api.js';
import { ConfirmButton, FailureNote, RoleNote, SelectField, useAction } from './settings-parts.js';
import {
  allows,
  needs,
  type Channel,
  type ChannelTest,
  type CurrentToken,
} from './settings-types.js';
import { useApiData } from './use-api-data.js';

type Kind = 'webhook' | 'slack' | 'syslog-cef';
const kinds: [Kind, string][] = [
  ['webhook', 'Webhook (signed JSON)'],
  ['slack', 'Slack'],
  ['syslog-cef', 'Syslog (CEF)'],
];
const severityChoices: [string, string][] = [
  ['', 'The API’s default'],
  ...['critical', 'high', 'medium', 'low', 'informational'].map((value): [string, string] => [
    value,
    value,
  ]),
];
const transports = ['udp', 'tcp', 'tls'];

interface ChannelForm {
  name: string;
  kind: Kind;
  minSeverity: string;
  url: string;
  secret: string;
  host: string;
  port: string;
  transport: string;
  ca: string;
  serverName: string;
}

const emptyForm: ChannelForm = {
  name: '',
  kind: 'webhook',
  minSeverity: '',
  url: '',
  secret: '',
  host: '',
  port: '',
  transport: 'tls',
  ca: '',
  serverName: '',
};

/** The kind's `config`, as src/platform/notify/<kind>/readme.md describes it; blanks left out. */
function configOf(form: ChannelForm): Record<string, unknown> {
  const given = (value: string) => value.trim() !== '';
  switch (form.kind) {
    case 'webhook':
      return { url: form.url.trim(), ...(form.secret !== '' ? { secret: form.secret } : {}) };
    case 'slack':
      return { url: form.url.trim() };
    case 'syslog-cef':
      return {
        host: form.host.trim(),
        transport: form.transport,
        // A port that is not a number is sent as typed, for the API to name.
        ...(given(form.port)
          ? { port: /^\d+$/.test(form.port.trim()) ? Number(form.port.trim()) : form.port }
          : {}),
        ...(form.transport === 'tls' && given(form.ca) ? { ca: form.ca } : {}),
        ...(form.transport === 'tls' && given(form.serverName)
          ? { serverName: form.serverName.trim() }
          : {}),
      };
  }
}

/** Notification channels (admins only: their configs are credentials). */
export function NotificationsTab({
  who,
  onUnauthorized,
}: {
  who: CurrentToken;
  onUnauthorized: () => void;
}) {
  if (!allows(who, needs.channels)) {
    return (
      <RoleNote
        who={who}
        needed={needs.channels}
        what="seeing and changing notification channels"
      />
    );
  }
  return <ChannelAdmin onUnauthorized={onUnauthorized} />;
}

function ChannelAdmin({ onUnauthorized }: { onUnauthorized: () => void }) {
  const [reloads, setReloads] = useState(0);
  const { data, refused } = useApiData<{ items: Channel[] }>(
    '/api/v1/notification-channels',
    reloads,
    onUnauthorized
  );
  const [form, setForm] = useState(emptyForm);
  const [notice, setNotice] = useState<string>();
  const add = useAction(onUnauthorized);
  const act = useAction(onUnauthorized);
  const set = (key: keyof ChannelForm) => (event: { target: { value: string } }) =>
    setForm((shown) => ({ ...shown, [key]: event.target.value }));

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const done = await add.run(async () => {
      const added = await sendJson<Channel>('POST', '/api/v1/notification-channels', {
        name: form.name.trim(),
        kind: form.kind,
        config: configOf(form),
        ...(form.minSeverity !== '' ? { minSeverity: form.minSeverity } : {}),
      });
      setNotice(`Channel “${added.name}” added; it sends to ${added.target}.`);
      setReloads((count) => count + 1);
    });
    // Secrets do not stay in the form: a refused one is typed again.
    setForm((shown) => (done ? emptyForm : { ...shown, secret: '' }));
  };

  const path = (channel: Channel) =>
    `/api/v1/notification-channels/${encodeURIComponent(channel.id)}`;
  const toggle = (channel: Channel) =>
    void act.run(async () => {
      await sendJson('PATCH', path(channel), { enabled: !channel.enabled });
      setNotice(`Channel “${channel.name}” ${channel.enabled ? 'disabled' : 'enabled'}.`);
      setReloads((count) => count + 1);
    });
  const test = (channel: Channel) =>
    void act.run(async () => {
      const outcome = await sendJson<ChannelTest>('POST', `${path(channel)}/test`);
      setNotice(
        outcome.delivered
          ? `Test message delivered to ${outcome.target}.`
          : `Test message to ${outcome.target} failed: ${outcome.error ?? 'no reason given'}.`
      );
    });
  const remove = (channel: Channel) =>
    void act.run(async () => {
      await sendJson('DELETE', path(channel));
      setNotice(`Channel “${channel.name}” removed.`);
      setReloads((count) => count + 1);
    });

  return (
    <>
      <section className="panel" aria-labelledby="channel-add">
        <h2 id="channel-add">Add a notification channel</h2>
        <form className="settings-form" onSubmit={(event) => void submit(event)}>
          <label>
            Name
            <input
              name="channel-name"
              required
              maxLength={256}
              value={form.name}
              onChange={set('name')}
            />
          </label>
          <SelectField
            label="Kind"
            value={form.kind}
            options={kinds}
            onChange={(value) => setForm((shown) => ({ ...shown, kind: value as Kind }))}
          />
          <SelectField
            label="Minimum severity"
            value={form.minSeverity}
            options={severityChoices}
            onChange={(value) => setForm((shown) => ({ ...shown, minSeverity: value }))}
          />
          {form.kind === 'webhook' && (
            <>
              <label className="wide">
                Webhook URL
                <input
                  name="channel-url"
                  type="url"
                  required
                  placeholder="https://receiver.example/palisade"
                  value={form.url}
                  onChange={set('url')}
                />
              </label>
              <label>
                Signing secret (optional, 16 characters or more)
                <input
                  name="channel-secret"
                  type="password"
                  autoComplete="new-password"
                  value={form.secret}
                  onChange={set('secret')}
                />
              </label>
            </>
          )}
          {form.kind === 'slack' && (
            <label className="wide">
              Slack webhook URL (its path is the credential)
              <input
                name="channel-slack-url"
                type="password"
                autoComplete="off"
                required
                value={form.url}
                onChange={set('url')}
              />
            </label>
          )}
          {form.kind === 'syslog-cef' && (
            <>
              <label>
                Host
                <input name="channel-host" required value={form.host} onChange={set('host')} />
              </label>
              <label>
                Port (optional)
                <input
                  name="channel-port"
                  inputMode="numeric"
                  placeholder={form.transport === 'tls' ? '6514' : '514'}
                  value={form.port}
                  onChange={set('port')}
                />
              </label>
              <SelectField
                label="Transport"
                value={form.transport}
                options={transports.map((value) => [value, value] as const)}
                onChange={(value) => setForm((shown) => ({ ...shown, transport: value }))}
              />
              {form.transport === 'tls' && (
                <>
                  <label className="wide">
                    CA certificate, PEM (optional; else the system’s roots)
                    <textarea
                      name="channel-ca"
                      rows={4}
                      spellCheck={false}
                      value={form.ca}
                      onChange={set('ca')}
                    />
                  </label>
                  <label>
                    Server name (optional)
                    <input
                      name="channel-server-name"
                      value={form.serverName}
                      onChange={set('serverName')}
                    />
                  </label>
                </>
              )}
            </>
          )}
          <button type="submit" disabled={add.busy}>
            Add channel
          </button>
        </form>
        <p className="muted">
          URLs and secrets are stored encrypted; the list shows only where each channel sends.
        </p>
        <FailureNote failure={add.failure} />
      </section>
      <section className="panel" aria-labelledby="channel-list">
        <h2 id="channel-list">Notification channels</h2>
        {notice !== undefined && <p role="status">{notice}</p>}
        <FailureNote failure={act.failure} />
        {refused !== undefined && <p className="error">{refused.message}</p>}
        {data === undefined ? (
          refused === undefined && <p aria-busy="true">Loading channels…</p>
        ) : data.items.length === 0 ? (
          <p>No notification channels yet.</p>
        ) : (
          <div className="table-wrap">
            <table aria-label="Notification channels">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Sends to</th>
                  <th scope="col">Minimum severity</th>
                  <th scope="col">Enabled</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((channel) => (
                  <tr key={channel.id}>
                    <td>{channel.name}</td>
                    <td>{channel.kind}</td>
                    <td className="wrap">{channel.target}</td>
                    <td>{channel.minSeverity}</td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${channel.name} enabled`}
                        checked={channel.enabled}
                        disabled={act.busy}
                        onChange={() => toggle(channel)}
                      />
                    </td>
                    <td>
                      <div className="row-actions">
                        <button
                          type="button"
                          aria-label={`Send a test to ${channel.name}`}
                          disabled={act.busy}
                          onClick={() => test(channel)}
                        >
                          Send a test
                        </button>
                        <ConfirmButton
                          label="Delete"
                          subject={channel.name}
                          question={`Delete “${channel.name}”? Alerts stop going there.`}
                          disabled={act.busy}
                          onConfirm={() => remove(channel)}
                        />
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

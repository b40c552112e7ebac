import { useState, type SyntheticEvent } from 'react';
import { sendJson } from '../../api.js';
import {
  ConfirmButton,
  FailureNote,
  RoleNote,
  SecretOnce,
  SelectField,
  useAction,
} from './settings-parts.js';
import {
  allows,
  needs,
  roles,
  shortTime,
  type ApiToken,
  type CurrentToken,
  type Role,
} from './settings-types.js';
import { useApiData } from './use-api-data.js';

interface TabProps {
  who: CurrentToken;
  onUnauthorized: () => void;
}

/** API tokens: admins list, create (the secret shown once) and revoke them. */
export function TokensTab({ who, onUnauthorized }: TabProps) {
  if (!allows(who, needs.tokens)) {
    return (
      <RoleNote who={who} needed={needs.tokens} what="listing, creating and revoking API tokens" />
    );
  }
  return <TokenAdmin who={who} onUnauthorized={onUnauthorized} />;
}

function TokenAdmin({ who, onUnauthorized }: TabProps) {
  const [reloads, setReloads] = useState(0);
  const { data, refused } = useApiData<{ items: ApiToken[] }>(
    '/api/v1/tokens',
    reloads,
    onUnauthorized
  );
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('reader');
  const [created, setCreated] = useState<{ name: string; token: string }>();
  const [notice, setNotice] = useState<string>();
  const create = useAction(onUnauthorized);
  const revoke = useAction(onUnauthorized);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    await create.run(async () => {
      const answer = await sendJson<ApiToken & { token: string }>('POST', '/api/v1/tokens', {
        name: name.trim(),
        role,
      });
      setCreated({ name: answer.name, token: answer.token });
      setName('');
      setNotice(undefined);
      setReloads((count) => count + 1);
    });
  };

  const revokeToken = (token: ApiToken) =>
    void revoke.run(async () => {
      await sendJson('DELETE', `/api/v1/tokens/${encodeURIComponent(token.id)}`);
      setNotice(`Token “${token.name}” revoked.`);
      setReloads((count) => count + 1);
    });

  return (
    <>
      <section className="panel" aria-labelledby="token-create">
        <h2 id="token-create">Create a token</h2>
        <form className="settings-form" onSubmit={(event) => void submit(event)}>
          <label>
            Name
            <input
              name="token-name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              required
              maxLength={256}
            />
          </label>
          <SelectField
            label="Role"
            value={role}
            options={roles.map((value) => [value, value] as const)}
            onChange={(value) => setRole(value as Role)}
          />
          <button type="submit" disabled={create.busy || name.trim() === ''}>
            Create token
          </button>
        </form>
        <p className="muted">
          Readers see everything but secrets; operators also add clusters and registries, scan, and
          triage alerts; admins also manage tokens, notification channels and removals.
        </p>
        <FailureNote failure={create.failure} />
        {created !== undefined && (
          <SecretOnce
            label={`The token “${created.name}”`}
            value={created.token}
            onDone={() => setCreated(undefined)}
          />
        )}
      </section>
      <section className="panel" aria-labelledby="token-list">
        <h2 id="token-list">API tokens</h2>
        {notice !== undefined && <p role="status">{notice}</p>}
        <FailureNote failure={revoke.failure} />
        {refused !== undefined && <p className="error">{refused.message}</p>}
        {data === undefined ? (
          refused === undefined && <p aria-busy="true">Loading tokens…</p>
        ) : (
          <div className="table-wrap">
            <table aria-label="API tokens">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((token) => (
                  <tr key={token.id}>
                    <td>{token.name}</td>
                    <td>{token.role}</td>
                    <td>{shortTime(token.createdAt)}</td>
                    <td>
                      {token.lastUsedAt !== undefined ? shortTime(token.lastUsedAt) : 'never'}
                    </td>
                    <td>
                      {token.revokedAt !== undefined
                        ? `revoked ${shortTime(token.revokedAt)}`
                        : token.id === who.id
                          ? 'active (signed in with it)'
                          : 'active'}
                    </td>
                    <td>
                      {token.revokedAt === undefined &&
                        (token.id === who.id ? (
                          <span className="muted">
                            Sign in with another admin token to revoke this one.
                          </span>
                        ) : (
                          <ConfirmButton
                            label="Revoke"
                            subject={token.name}
                            question={`Revoke “${token.name}”? Anything using it is refused at once.`}
                            disabled={revoke.busy}
                            onConfirm={() => revokeToken(token)}
                          />
                        ))}
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

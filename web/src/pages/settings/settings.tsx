import { useEffect, useState } from 'react';
import { getJson } from '../../api.js';
import type { PageProps } from '../../pages.js';
import { navigate } from '../../router.js';
import { useApiFailure } from '../../use-api-failure.js';
import { ClustersTab } from './clusters-tab.js';
import { NotificationsTab } from './notifications-tab.js';
import { RegistriesTab } from './registries-tab.js';
import type { CurrentToken } from './settings-types.js';
import { SuppressionTab } from './suppression-tab.js';
import { TokensTab } from './tokens-tab.js';
import './settings.css';

const tabs = [
  ['tokens', 'API tokens'],
  ['registries', 'Registries'],
  ['clusters', 'Clusters'],
  ['notifications', 'Notifications'],
  ['suppression', 'Suppression rules'],
] as const;
type Tab = (typeof tabs)[number][0];

function tabOf(location: URL): Tab {
  const asked = location.searchParams.get('tab');
  return tabs.find(([id]) => id === asked)?.[0] ?? 'tokens';
}

/**
 * Settings: tokens, registries, clusters with their audit webhooks, notification channels and
 * suppression rules, one tab each (`?tab=`). What the signed-in token's role may not change is
 * not offered, with the reason.
 */
export function SettingsPage({ location, onUnauthorized }: PageProps) {
  const tab = tabOf(location);
  const [who, setWho] = useState<CurrentToken>();
  const [error, fail] = useApiFailure(onUnauthorized);

  useEffect(() => {
    let current = true;
    getJson<CurrentToken>('/api/v1/tokens/current')
      .then((answer) => {
        if (current) {
          setWho(answer);
        }
      })
      .catch(fail);
    return () => {
      current = false;
    };
  }, [fail]);

  const props = who !== undefined ? { who, onUnauthorized } : undefined;
  return (
    <div className="settings">
      <h1>Settings</h1>
      <nav className="tabs" aria-label="Settings sections">
        {tabs.map(([id, label]) => (
          <a
            key={id}
            href={`/settings?tab=${id}`}
            aria-current={id === tab ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              navigate(`/settings?tab=${id}`);
            }}
          >
            {label}
          </a>
        ))}
      </nav>
      {who !== undefined && (
        <p className="muted" data-testid="signed-in-as">
          Signed in with “{who.name}” ({who.role}).
        </p>
      )}
      {error !== undefined && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {props === undefined ? (
        error === undefined && <p aria-busy="true">Loading…</p>
      ) : (
        <div className="settings-body">
          {tab === 'tokens' && <TokensTab {...props} />}
          {tab === 'registries' && <RegistriesTab {...props} />}
          {tab === 'clusters' && <ClustersTab {...props} />}
          {tab === 'notifications' && <NotificationsTab {...props} />}
          {tab === 'suppression' && <SuppressionTab {...props} />}
        </div>
      )}
    </div>
  );
}

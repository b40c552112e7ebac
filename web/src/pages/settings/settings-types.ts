/** The API answers the settings page reads (see /api/v1/openapi.json), and who may change what. */

export type Role = 'reader' | 'operator' | 'admin';
export const roles: readonly Role[] = ['reader', 'operator', 'admin'];

/** `GET /api/v1/tokens/current`: the token the dashboard is signed in with. */
export interface CurrentToken {
  id: string;
  name: string;
  role: Role;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

export interface Registry {
  id: string;
  name: string;
  url: string;
  username?: string;
  hasSecret: boolean;
  createdAt: string;
}

export interface RegistryRepository {
  repository: string;
  images: number;
  lastScannedAt?: string;
}

export interface AuditWebhook {
  path: string;
  /** Only in the answer that issued it. */
  token?: string;
}

export interface ClusterRecord {
  id: string;
  name: string;
  source: string;
  config: Record<string, unknown>;
  hasKubeconfigData: boolean;
  createdAt: string;
  lastAssessedAt?: string;
  auditWebhook?: AuditWebhook;
}

export interface Channel {
  id: string;
  name: string;
  kind: string;
  target: string;
  minSeverity: string;
  clusters?: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ChannelTest {
  delivered: boolean;
  target: string;
  error?: string;
}

export interface SuppressionRule {
  id: string;
  match: Record<string, string[] | undefined>;
  clusters?: string[];
  reason: string;
  expires?: string;
  createdBy: string;
  createdAt: string;
}

const rank: Record<Role, number> = { reader: 0, operator: 1, admin: 2 };

/**
 * The least role each change needs, as the API's routes declare it (`x-palisade-access` in the
 * OpenAPI document). The page hides or disables what the token cannot do; the API decides.
 */
export const needs = {
  tokens: 'admin',
  addRegistry: 'operator',
  scanRegistry: 'operator',
  removeRegistry: 'admin',
  addCluster: 'operator',
  rotateWebhook: 'operator',
  removeCluster: 'admin',
  channels: 'admin',
  removeRule: 'operator',
} as const satisfies Record<string, Role>;

export function allows(who: CurrentToken | undefined, needed: Role): boolean {
  return who !== undefined && rank[who.role] >= rank[needed];
}

/** `2025-01-31T12:00:00.000Z` → `2025-01-31 12:00`, in UTC like the rest of the dashboard. */
export function shortTime(iso: string | undefined): string {
  return iso === undefined ? '—' : iso.replace('T', ' ').slice(0, 16);
}

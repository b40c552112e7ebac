import { randomUUID } from 'node:crypto';
import type { Alert, AlertSeverity } from '../../core/alert.js';
import type { Store } from './store.js';
import type { StoreOptions } from './types.js';

/** Opens a store on the run's database; options are merged over the driver test's own. */
export type OpenStore = (options?: StoreOptions) => Promise<Store>;

/** Makes a new, empty database for this run and returns how to open it. */
export type FreshDatabase = () => Promise<OpenStore>;

/** A key for tests only: 32 bytes, base64. */
export const testSecretKey = Buffer.alloc(32, 7).toString('base64');

export function randomSuffix(): string {
  return randomUUID().slice(0, 8);
}

/** An alert as the detection engine emits it, with what a test varies. */
export function engineAlert(overrides: Partial<Alert> & { id: string }): Alert {
  const severity: AlertSeverity = overrides.severity ?? 'high';
  return {
    rule: 'privileged-container',
    kind: 'rule',
    title: 'Privileged container created',
    severity,
    mitre: ['T1610'],
    equivalents: { defender: 'K8S_PrivilegedContainer' },
    message: 'alice created a privileged pod',
    cluster: 'prod',
    identity: { username: 'alice', groups: ['system:authenticated'] },
    sourceIPs: ['10.0.0.1'],
    evidence: { auditIDs: ['a1'], fields: { image: 'nginx' } },
    firstSeen: '2025-01-01T00:00:00.000Z',
    lastSeen: '2025-01-01T00:00:00.000Z',
    count: 1,
    ...overrides,
  };
}

/** What `promise` rejected with, to check both its class and its message. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) {
      return error;
    }
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected a rejection, and it resolved');
}

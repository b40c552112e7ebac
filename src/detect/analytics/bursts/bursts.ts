import type { AuditEvent } from '../../audit/event.js';
import { resourcePath, usernameOf } from '../../audit/fields.js';
import type { DetectionMeta } from '../../rule/types.js';
import { isPlatformIdentity } from '../../audit/platform.js';
import { formatDuration } from '../baselines/describe.js';
import { eventTimeMs } from '../baselines/event-time.js';
import type { BehaviourFinding, BehaviourModel } from '../types.js';
import { forbiddenBurst, permissionCheckBurst, secretsEnumeration } from './detections.js';
import { RecentKeys, RecentTimes } from './recent.js';

export interface BurstsOptions {
  /** The sliding window, over event time; 5 minutes by default. */
  windowMs?: number;
  /** 403 answers to one identity within the window; 20 by default. */
  forbiddenThreshold?: number;
  /** Access-review creates by one identity within the window; 15 by default. */
  permissionCheckThreshold?: number;
  /** Distinct namespaces whose secrets one identity listed or read; 5 by default. */
  secretNamespacesThreshold?: number;
  /** Identities tracked at once, the least recently seen dropped first; 10,000 by default. */
  maxIdentities?: number;
}

export const burstDefaults = {
  windowMs: 5 * 60 * 1000,
  forbiddenThreshold: 20,
  permissionCheckThreshold: 15,
  secretNamespacesThreshold: 5,
  maxIdentities: 10_000,
} as const;

const accessReviews = new Set([
  'selfsubjectaccessreviews',
  'selfsubjectrulesreviews',
  'subjectaccessreviews',
  'localsubjectaccessreviews',
]);
const secretReads = new Set(['get', 'list']);
/** Refused operations a message names, most recent last. */
const sampleSize = 5;
/** Stands for a cluster-wide list: it counts as every namespace at once. */
const allNamespaces = '*';
const maxKeyLength = 300;

interface Tracker {
  mutedUntil: number;
}

interface IdentityState {
  forbidden?: Tracker & { times: RecentTimes; samples: RecentKeys };
  checks?: Tracker & { times: RecentTimes; kinds: RecentKeys };
  secrets?: Tracker & { namespaces: RecentKeys };
}

/**
 * Bursts per identity over a sliding window of event time: many refusals, many permission
 * checks, secrets asked for across many namespaces. A burst fires once when its threshold is
 * crossed and stays quiet for that identity until a window has passed. What is kept is
 * bounded: the last `threshold` times per burst, and a capped number of identities.
 */
export function createBursts(options: BurstsOptions = {}): BehaviourModel {
  return new Bursts({ ...burstDefaults, ...definedOf(options) });
}

function definedOf(options: BurstsOptions): Partial<BurstsOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

class Bursts implements BehaviourModel {
  readonly id = 'bursts';
  private readonly identities = new Map<string, IdentityState>();
  private readonly window: string;

  constructor(private readonly settings: Required<BurstsOptions>) {
    this.window = formatDuration(settings.windowMs);
  }

  observe(event: AuditEvent): BehaviourFinding[] {
    const resource = event.objectRef?.resource;
    const forbidden = event.responseStatus?.code === 403;
    const check = event.verb === 'create' && resource !== undefined && accessReviews.has(resource);
    const secret =
      resource === 'secrets' && !event.objectRef?.subresource && secretReads.has(event.verb);
    if (!forbidden && !check && !secret) {
      return [];
    }
    const time = eventTimeMs(event.stageTimestamp);
    if (Number.isNaN(time)) {
      return [];
    }
    const username = usernameOf(event);
    const state = this.stateOf(username);
    const findings: BehaviourFinding[] = [];
    if (forbidden) {
      this.onForbidden(state, event, username, time, findings);
    }
    // The control plane checks permissions for whoever it serves and lists every secret to
    // manage them: noise, and not an identity a tenant can take.
    if (!isPlatformIdentity(username)) {
      if (check) {
        this.onCheck(state, resource, username, time, findings);
      }
      if (secret) {
        this.onSecret(state, event, username, time, findings);
      }
    }
    return findings;
  }

  save(): Promise<void> {
    return Promise.resolve();
  }

  private stateOf(username: string): IdentityState {
    let state = this.identities.get(username);
    if (state !== undefined) {
      // Most recently seen last, so the first is the one to drop.
      this.identities.delete(username);
    } else {
      state = {};
      if (this.identities.size >= this.settings.maxIdentities) {
        const oldest = this.identities.keys().next();
        if (oldest.done !== true) {
          this.identities.delete(oldest.value);
        }
      }
    }
    this.identities.set(username, state);
    return state;
  }

  private onForbidden(
    state: IdentityState,
    event: AuditEvent,
    username: string,
    time: number,
    findings: BehaviourFinding[]
  ): void {
    const { windowMs, forbiddenThreshold } = this.settings;
    state.forbidden ??= {
      mutedUntil: -Infinity,
      times: new RecentTimes(forbiddenThreshold),
      samples: new RecentKeys(sampleSize),
    };
    const tracker = state.forbidden;
    const count = tracker.times.add(time, windowMs);
    tracker.samples.add(operationOf(event), time, windowMs);
    if (count >= forbiddenThreshold && this.arm(tracker, time)) {
      const samples = tracker.samples.keys().join(', ');
      findings.push(
        this.finding(forbiddenBurst, {
          message: `${username} was refused (403 Forbidden) ${count} times within ${this.window}; the latest: ${samples}`,
          fields: { count: String(count), window: this.window, refused: samples },
        })
      );
    }
  }

  private onCheck(
    state: IdentityState,
    resource: string,
    username: string,
    time: number,
    findings: BehaviourFinding[]
  ): void {
    const { windowMs, permissionCheckThreshold } = this.settings;
    state.checks ??= {
      mutedUntil: -Infinity,
      times: new RecentTimes(permissionCheckThreshold),
      kinds: new RecentKeys(accessReviews.size),
    };
    const tracker = state.checks;
    const count = tracker.times.add(time, windowMs);
    tracker.kinds.add(resource, time, windowMs);
    if (count >= permissionCheckThreshold && this.arm(tracker, time)) {
      const kinds = tracker.kinds.keys().join(', ');
      findings.push(
        this.finding(permissionCheckBurst, {
          message: `${username} checked permissions ${count} times within ${this.window} (${kinds})`,
          fields: { count: String(count), window: this.window, reviews: kinds },
        })
      );
    }
  }

  private onSecret(
    state: IdentityState,
    event: AuditEvent,
    username: string,
    time: number,
    findings: BehaviourFinding[]
  ): void {
    const { windowMs, secretNamespacesThreshold } = this.settings;
    state.secrets ??= {
      mutedUntil: -Infinity,
      namespaces: new RecentKeys(secretNamespacesThreshold),
    };
    const tracker = state.secrets;
    const namespace = event.objectRef?.namespace;
    const everywhere = !namespace;
    const count = everywhere
      ? secretNamespacesThreshold
      : tracker.namespaces.add(namespace.slice(0, maxKeyLength), time, windowMs);
    if (count < secretNamespacesThreshold || !this.arm(tracker, time)) {
      return;
    }
    const code = event.responseStatus?.code;
    const outcome = code !== undefined && (code < 200 || code >= 300) ? ` (answered ${code})` : '';
    const namespaces = everywhere ? allNamespaces : tracker.namespaces.keys().join(', ');
    findings.push(
      this.finding(secretsEnumeration, {
        message: everywhere
          ? `${username} listed secrets across all namespaces${outcome}`
          : `${username} listed or read secrets in ${count} namespaces within ${this.window}: ${namespaces}`,
        fields: {
          namespaces,
          window: this.window,
          ...(code !== undefined ? { code: String(code) } : {}),
        },
      })
    );
  }

  /** Whether the burst may fire now; if so, it stays quiet for a window. */
  private arm(tracker: Tracker, time: number): boolean {
    if (time < tracker.mutedUntil) {
      return false;
    }
    tracker.mutedUntil = time + this.settings.windowMs;
    return true;
  }

  private finding(
    detection: DetectionMeta,
    match: { message: string; fields: Record<string, string> }
  ): BehaviourFinding {
    return { detection, kind: 'burst', match, object: null };
  }
}

/** `list secrets (kube-system)`, `create clusterrolebindings (cluster-wide)`. */
function operationOf(event: AuditEvent): string {
  const path = resourcePath(event);
  const target =
    path === '-'
      ? (/^\/[^?]*/.exec(event.requestURI)?.[0] ?? '/')
      : `${path} (${event.objectRef?.namespace ?? 'cluster-wide'})`;
  return `${event.verb} ${target}`.slice(0, maxKeyLength);
}

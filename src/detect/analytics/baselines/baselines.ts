import { silentLogger, type Logger } from '../../../core/logger.js';
import type { AuditEvent } from '../../audit/event.js';
import { succeeded, usernameOf } from '../../audit/fields.js';
import type { DetectionMeta } from '../../rule/types.js';
import type { BehaviourFinding, BehaviourModel } from '../types.js';
import { behavioursOf, covers, type Behaviour, type BehaviourKind } from './behaviours.js';
import { isPlatformIdentity } from '../../audit/platform.js';
import { eventTimeMs } from './event-time.js';
import { describeBaseline, describeNew, formatDuration } from './describe.js';
import {
  anomalousExec,
  anomalousSecretAccess,
  anomalousServiceAccountOperation,
  anomalousWorkloadDeployment,
} from './detections.js';
import {
  emptyIdentity,
  emptyState,
  loadState,
  saveState,
  type BaselineState,
  type IdentityBaseline,
} from './state.js';

export interface BaselinesOptions {
  /** How long the model learns from the first event it sees; 7 days by default. */
  learningWindowMs?: number;
  /** Where the learnt state persists; without it the model forgets at exit. */
  statePath?: string;
  /** Identities learnt at most; 10,000 by default. */
  maxIdentities?: number;
  /** Entries per identity over the four behaviours; 1,000 by default. */
  maxEntriesPerIdentity?: number;
  logger?: Logger;
}

export const defaultLearningWindowMs = 7 * 24 * 60 * 60 * 1000;
export const defaultMaxIdentities = 10_000;
export const defaultMaxEntriesPerIdentity = 1_000;

const detectionOf: Record<BehaviourKind, DetectionMeta> = {
  operations: anomalousServiceAccountOperation,
  secrets: anomalousSecretAccess,
  execs: anomalousExec,
  deploys: anomalousWorkloadDeployment,
};

/**
 * Per-identity baselines: for a window from when each identity is first seen, the model learns
 * what it does (a service account's operations, the secrets each identity reads, where it
 * execs, what it deploys); after it, a successful request outside the baseline is an anomaly,
 * every time it is seen, and the baseline stays as learnt. Kubernetes' own control plane is
 * not judged: it is not what an attacker becomes, and it is the noisiest part of any log.
 */
export async function createBaselines(options: BaselinesOptions = {}): Promise<BehaviourModel> {
  const state = options.statePath !== undefined ? await loadState(options.statePath) : undefined;
  return new Baselines(options, state);
}

class Baselines implements BehaviourModel {
  readonly id = 'baselines';
  private readonly state: BaselineState;
  private readonly windowMs: number;
  private readonly window: string;
  private readonly maxIdentities: number;
  private readonly maxEntries: number;
  private readonly logger: Logger;
  private warnedIdentityCap = false;

  constructor(
    private readonly options: BaselinesOptions,
    state: BaselineState | undefined
  ) {
    this.state = state ?? emptyState();
    this.windowMs = options.learningWindowMs ?? defaultLearningWindowMs;
    this.window = formatDuration(this.windowMs);
    this.maxIdentities = options.maxIdentities ?? defaultMaxIdentities;
    this.maxEntries = options.maxEntriesPerIdentity ?? defaultMaxEntriesPerIdentity;
    this.logger = options.logger ?? silentLogger;
  }

  observe(event: AuditEvent): BehaviourFinding[] {
    const username = usernameOf(event);
    const judged = succeeded(event) && !isPlatformIdentity(username);
    if (!judged && this.state.windowStart !== undefined) {
      return [];
    }
    const time = eventTimeMs(event.stageTimestamp);
    if (Number.isNaN(time)) {
      return [];
    }
    this.state.windowStart ??= time;
    if (!judged) {
      return [];
    }
    const behaviours = behavioursOf(event, username);
    // Each identity learns for its own window from when it is first seen: a service account
    // that arrives with a new deployment next month is learnt, not reported op by op.
    const identity = this.state.identities.get(username) ?? this.enrol(username, time);
    if (identity !== undefined && time < identity.firstSeen + this.windowMs) {
      this.learn(username, identity, behaviours);
      return [];
    }
    const findings: BehaviourFinding[] = [];
    for (const behaviour of behaviours) {
      if (identity === undefined || !covers(identity.sets[behaviour.kind], behaviour)) {
        findings.push(this.finding(username, behaviour, identity));
      }
    }
    return findings;
  }

  async save(): Promise<void> {
    if (this.options.statePath !== undefined) {
      await saveState(this.options.statePath, this.state);
    }
  }

  /** A new identity, learning from now; undefined once the identity cap is reached. */
  private enrol(username: string, time: number): IdentityBaseline | undefined {
    if (this.state.identities.size >= this.maxIdentities) {
      this.state.identitiesCapped = true;
      if (!this.warnedIdentityCap) {
        this.warnedIdentityCap = true;
        this.logger.warn(
          { maxIdentities: this.maxIdentities },
          'baselines: identity cap reached; identities seen from now on are not learnt'
        );
      }
      return undefined;
    }
    const identity = emptyIdentity(time);
    this.state.identities.set(username, identity);
    return identity;
  }

  private learn(username: string, identity: IdentityBaseline, behaviours: Behaviour[]): void {
    for (const behaviour of behaviours) {
      this.learnOne(username, identity, behaviour);
    }
  }

  private learnOne(username: string, identity: IdentityBaseline, behaviour: Behaviour): void {
    const known = identity.sets[behaviour.kind];
    if (identity.capped || known.has(behaviour.key)) {
      return;
    }
    if (identity.entries >= this.maxEntries) {
      identity.capped = true;
      this.logger.warn(
        { identity: username, maxEntriesPerIdentity: this.maxEntries },
        'baselines: entry cap reached for an identity; it learns no more'
      );
      return;
    }
    known.add(behaviour.key);
    identity.entries += 1;
  }

  private finding(
    username: string,
    behaviour: Behaviour,
    identity: IdentityBaseline | undefined
  ): BehaviourFinding {
    let baseline: string;
    if (identity === undefined) {
      baseline = `it was not learnt (first seen after the cap of ${this.maxIdentities} identities was reached), so its baseline is empty`;
    } else {
      baseline = describeBaseline(behaviour.kind, identity.sets[behaviour.kind], this.window);
      if (identity.capped) {
        baseline += ` (incomplete: it reached the cap of ${this.maxEntries} entries)`;
      }
    }
    return {
      detection: detectionOf[behaviour.kind],
      kind: 'anomaly',
      match: {
        message: `${username} ${describeNew(behaviour)} for the first time; ${baseline}`,
        fields: {
          behaviour: behaviour.key,
          baselineEntries: String(identity?.sets[behaviour.kind].size ?? 0),
          learningWindow: this.window,
          ...(identity === undefined ? { baseline: 'none: identity not learnt' } : {}),
        },
      },
    };
  }
}

import type { AuditEvent } from '../audit/event.js';
import type { DetectionMeta, RuleMatch } from '../rule/types.js';

/**
 * Behavioural detections: state over many events (what an identity normally does, how often it
 * is refused), unlike rules, which judge one event alone.
 */
export interface BehaviourFinding {
  detection: DetectionMeta;
  kind: 'anomaly' | 'burst';
  match: RuleMatch;
  /**
   * The object the alert is about when it is not the event's own (a burst is about the identity:
   * no object). Undefined: the event's object.
   */
  object?: null;
}

export interface BehaviourModel {
  readonly id: string;
  /** Called for every judged event, in arrival order; event time, not the wall clock, drives it. */
  observe(event: AuditEvent): BehaviourFinding[];
  /** Writes the learnt state where it persists; a no-op for models without state to keep. */
  save(): Promise<void>;
}

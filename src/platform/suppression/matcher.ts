import type { Alert } from '../../core/alert.js';
import { alertExceptionMatcher, type AlertExceptionMatcher } from '../../detect/index.js';
import type { SuppressionRule } from '../store/index.js';

/** A stored rule made ready to test alerts. */
export interface CompiledSuppression {
  rule: SuppressionRule;
  matcher: AlertExceptionMatcher;
  clusters?: ReadonlySet<string>;
}

export function compileSuppression(rule: SuppressionRule): CompiledSuppression {
  return {
    rule,
    matcher: alertExceptionMatcher({
      ...rule.match,
      reason: rule.reason,
      origin: `suppression rule ${rule.id}`,
    }),
    ...(rule.clusters !== undefined ? { clusters: new Set(rule.clusters) } : {}),
  };
}

/** Whether the rule covers this cluster's alert at `now` (ISO 8601). */
export function suppresses(
  compiled: CompiledSuppression,
  clusterId: string,
  alert: Alert,
  now: string
): boolean {
  const { rule, clusters, matcher } = compiled;
  if (rule.expires !== undefined && rule.expires <= now) {
    return false;
  }
  if (clusters !== undefined && !clusters.has(clusterId)) {
    return false;
  }
  return matcher.matches(alert);
}

/** The first rule (oldest first) that covers the alert. */
export function suppressionOf(
  rules: readonly CompiledSuppression[],
  clusterId: string,
  alert: Alert,
  now: string
): SuppressionRule | undefined {
  return rules.find((compiled) => suppresses(compiled, clusterId, alert, now))?.rule;
}

/** Defender's wording for an auto-dismissed alert, kept as the dismiss reason. */
export function suppressionReason(rule: SuppressionRule): string {
  return `suppressed by rule ${rule.id}: ${rule.reason}`;
}

/** Kept as `statusChangedBy`. */
export function suppressionActor(rule: SuppressionRule): string {
  return `suppression rule ${rule.id}`;
}

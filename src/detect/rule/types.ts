import type { AlertEquivalents, AlertSeverity } from '../../core/alert.js';
import type { AuditEvent } from '../audit/event.js';

/**
 * Threat intelligence the rules consult. Lists are loaded from files or URLs the user names;
 * none is compiled in, so an empty list is the default and matches nothing.
 */
export interface ThreatIntel {
  /** The list an IP is on (`tor-exits`, `custom:blocklist.txt`) or undefined. IPv4 and IPv6. */
  torExit(ip: string): string | undefined;
  maliciousIp(ip: string): string | undefined;
  /** The list entry an image reference matches (`xmrig/xmrig`, `*\/xmrig:*`) or undefined. */
  minerImage(image: string): string | undefined;
}

/** What a rule found in an event. */
export interface RuleMatch {
  /** For a person: `pod shop/web created with privileged container app`. */
  message: string;
  /** The fields that matched, for the alert's evidence: `{ container: 'app', image: '…' }`. */
  fields: Record<string, string>;
}

export interface RuleContext {
  intel: ThreatIntel;
}

/** What a rule is, without how it decides: shared by rules and behavioural detections. */
export interface DetectionMeta {
  /** Kebab-case, unique: `privileged-container`. */
  readonly id: string;
  readonly title: string;
  /** What it detects and why it matters, two or three sentences. */
  readonly description: string;
  readonly severity: AlertSeverity;
  /** MITRE ATT&CK technique IDs. */
  readonly mitre: readonly string[];
  readonly equivalents: AlertEquivalents;
}

/**
 * An audit-log rule: a condition over one event. It never reads the network, the disk or the
 * clock, and never throws on a strange event (fields of `requestObject` are untrusted shapes).
 *
 * The engine judges each request once: at `ResponseComplete`, or at `ResponseStarted` for the
 * long-running ones (exec, attach, port-forward, watch) whichever stage comes first; a rule sees
 * only events whose resource and verb are in `on`.
 */
export interface AuditRule extends DetectionMeta {
  readonly on: {
    /**
     * `pods`, `pods/exec` (resource/subresource), `*` for any resource, `-` for a non-resource
     * URL (`/healthz`). A resource without `/` matches only requests without a subresource.
     */
    readonly resources: readonly string[];
    /** Lower-case verbs; `*` for any. */
    readonly verbs: readonly string[];
  };
  evaluate(event: AuditEvent, context: RuleContext): RuleMatch | undefined;
}

import type { Alert } from '../../core/alert.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import type { BehaviourModel } from '../analytics/types.js';
import type { AuditEvent } from '../audit/event.js';
import { compileException, exceptionMatches, isActive } from '../exceptions/match.js';
import type { CompiledException } from '../exceptions/match.js';
import type { DetectionException } from '../exceptions/types.js';
import type { AuditRule, RuleContext, ThreatIntel } from '../rule/types.js';
import type { EventSink, RawEvent, SourceProblem } from '../source/types.js';
import { AlertBook, type Detected } from './alert-book.js';
import { checkEvent, readEvent } from './read-event.js';
import { RuleIndex } from './rule-index.js';
import { SeenRequests } from './judged.js';

export interface EngineOptions {
  rules: readonly AuditRule[];
  intel: ThreatIntel;
  models?: readonly BehaviourModel[];
  exceptions?: readonly DetectionException[];
  /** The cluster events belong to when their source does not say. */
  cluster?: string;
  maxEventBytes?: number;
  /** Requests remembered for deduplication. */
  seenCapacity?: number;
  maxAlerts?: number;
  maxAuditIDsPerAlert?: number;
  now?: () => Date;
  /** Called when an alert is raised (`first`) and when a repeat folds into it. */
  onAlert?: (alert: Alert, first: boolean) => void;
  logger?: Logger;
}

export const engineDefaults = {
  cluster: 'default',
  maxEventBytes: 2 * 1024 * 1024,
  seenCapacity: 500_000,
  maxAlerts: 100_000,
  maxAuditIDsPerAlert: 20,
} as const;

/** What a run read, judged, skipped and raised; the report's `stats`. */
export interface EngineStats {
  /** Events the sources handed over. */
  received: number;
  /** Requests judged by the rules and models. */
  judged: number;
  /** Events not judged, by reason: a request's other stages, duplicates, unreadable events. */
  skipped: Record<string, number>;
  /** What the sources could not read, by reason. */
  problems: Record<string, number>;
  alerts: number;
  /** Alerts not kept once `maxAlerts` was reached. */
  alertsDropped: number;
  /** Matches an exception covered, per exception. */
  suppressed: { origin: string; reason: string; count: number }[];
}

/** The first few unreadable events and source problems, with where they were, for the report. */
export interface Problem {
  reason: string;
  origin: string;
  detail: string;
}

const keptProblems = 20;

/**
 * The detection pipeline: raw events in (it is the sources' sink), alerts out. Each event is
 * capped, parsed, checked, deduplicated by audit ID and stage, judged once per request by the
 * rules that can match it and observed by the behaviour models; matches an exception covers are
 * counted, not raised; the rest are folded into alerts.
 */
export class AuditEngine implements EventSink {
  private readonly index: RuleIndex;
  private readonly context: RuleContext;
  private readonly models: readonly BehaviourModel[];
  private readonly exceptions: CompiledException[];
  private readonly suppressedBy = new Map<CompiledException, number>();
  private readonly seen: SeenRequests;
  private readonly book: AlertBook;
  private readonly cluster: string;
  private readonly maxEventBytes: number;
  private readonly onAlert: EngineOptions['onAlert'];
  private readonly logger: Logger;
  private readonly kept: Problem[] = [];
  private readonly notesList: string[] = [];
  private readonly counters = {
    received: 0,
    judged: 0,
    skipped: {} as Record<string, number>,
    problems: {} as Record<string, number>,
  };

  constructor(options: EngineOptions) {
    this.index = new RuleIndex(options.rules);
    this.context = { intel: options.intel };
    this.models = options.models ?? [];
    const now = options.now?.() ?? new Date();
    this.exceptions = [];
    for (const exception of options.exceptions ?? []) {
      if (isActive(exception, now)) {
        this.exceptions.push(compileException(exception));
      } else {
        this.notesList.push(
          `exception ${exception.origin} expired on ${exception.expires ?? ''}; it no longer applies`
        );
      }
    }
    this.seen = new SeenRequests(options.seenCapacity ?? engineDefaults.seenCapacity);
    this.book = new AlertBook({
      maxAlerts: options.maxAlerts ?? engineDefaults.maxAlerts,
      maxAuditIDs: options.maxAuditIDsPerAlert ?? engineDefaults.maxAuditIDsPerAlert,
    });
    this.cluster = options.cluster ?? engineDefaults.cluster;
    this.maxEventBytes = options.maxEventBytes ?? engineDefaults.maxEventBytes;
    this.onAlert = options.onAlert;
    this.logger = options.logger ?? silentLogger;
  }

  event(raw: RawEvent): void {
    this.counters.received += 1;
    const read =
      raw.value !== undefined ? checkEvent(raw.value) : readEvent(raw.text, this.maxEventBytes);
    if ('rejected' in read) {
      this.skip(read.rejected, raw.origin, read.detail);
      return;
    }
    const event = read.event;
    const cluster = raw.cluster ?? this.cluster;
    // Audit IDs are unique per API server; a run may read several clusters.
    const key = raw.cluster === undefined ? event.auditID : `${cluster}\u0000${event.auditID}`;
    const verdict = this.seen.verdict(key, event.stage);
    if (verdict !== 'judge') {
      this.count(this.counters.skipped, verdict);
      return;
    }
    this.judge(event, cluster);
  }

  problem(problem: SourceProblem): void {
    this.count(this.counters.problems, problem.reason);
    this.keep(problem);
    this.logger.debug({ reason: problem.reason, origin: problem.origin }, 'source problem');
  }

  private judge(event: AuditEvent, cluster: string): void {
    this.counters.judged += 1;
    for (const rule of this.index.rulesFor(event)) {
      let match;
      try {
        match = rule.evaluate(event, this.context);
      } catch (error) {
        // A rule must not throw on a strange event; if one does, the stream still goes on.
        this.failed(rule.id, event, error);
        continue;
      }
      if (match !== undefined) {
        this.raise({ detection: rule, kind: 'rule', match, withObject: true }, event, cluster);
      }
    }
    for (const model of this.models) {
      let findings;
      try {
        findings = model.observe(event);
      } catch (error) {
        this.failed(model.id, event, error);
        continue;
      }
      for (const finding of findings) {
        this.raise(
          {
            detection: finding.detection,
            kind: finding.kind,
            match: finding.match,
            withObject: finding.object !== null,
          },
          event,
          cluster
        );
      }
    }
  }

  private raise(found: Detected, event: AuditEvent, cluster: string): void {
    for (const exception of this.exceptions) {
      if (exceptionMatches(exception, found.detection.id, event)) {
        this.suppressedBy.set(exception, (this.suppressedBy.get(exception) ?? 0) + 1);
        return;
      }
    }
    const recorded = this.book.record(found, event, cluster);
    if ('alert' in recorded) {
      this.onAlert?.(recorded.alert, recorded.first);
    }
  }

  private failed(detection: string, event: AuditEvent, error: unknown): void {
    this.count(this.counters.skipped, 'detection-error');
    this.keep({
      reason: 'detection-error',
      origin: `audit ID ${event.auditID}`,
      detail: `${detection} failed: ${error instanceof Error ? error.message : String(error)}`,
    });
    this.logger.warn({ detection, auditID: event.auditID, err: error }, 'a detection failed');
  }

  private skip(reason: string, origin: string, detail: string): void {
    this.count(this.counters.skipped, reason);
    this.keep({ reason, origin, detail });
  }

  private keep(problem: Problem): void {
    if (this.kept.length < keptProblems) {
      this.kept.push({ reason: problem.reason, origin: problem.origin, detail: problem.detail });
    }
  }

  private count(counters: Record<string, number>, key: string): void {
    counters[key] = (counters[key] ?? 0) + 1;
  }

  alerts(): Alert[] {
    return this.book.alerts();
  }

  stats(): EngineStats {
    return {
      received: this.counters.received,
      judged: this.counters.judged,
      skipped: { ...this.counters.skipped },
      problems: { ...this.counters.problems },
      alerts: this.book.size,
      alertsDropped: this.book.dropped,
      suppressed: [...this.suppressedBy].map(([compiled, count]) => ({
        origin: compiled.exception.origin,
        reason: compiled.exception.reason,
        count,
      })),
    };
  }

  /** The first unreadable events and source problems, with their origins. */
  problems(): Problem[] {
    return [...this.kept];
  }

  notes(): string[] {
    const notes = [...this.notesList];
    if (this.book.dropped > 0) {
      notes.push(
        `${this.book.dropped} alert(s) not kept: the run reached the limit of distinct alerts`
      );
    }
    return notes;
  }

  /** Persists what the behaviour models learnt. */
  async save(): Promise<void> {
    for (const model of this.models) {
      await model.save();
    }
  }
}

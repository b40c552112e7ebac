/**
 * Event sources: where audit events come from. Each is a plugin that hands the engine one raw
 * event at a time, as JSON text, so the engine can cap its size before it parses it. Sources
 * never judge events; they only split, decompress and frame them, and report what they could
 * not read.
 */

/** One audit event as the source found it. */
export interface RawEvent {
  /** The event's JSON text; empty when `value` is given. */
  text: string;
  /**
   * The event already parsed, from a source that had to parse its whole document anyway (a
   * webhook batch): the engine does not parse it again. The source has applied the size cap.
   */
  value?: unknown;
  /** Where it came from, for messages: `audit.log:1234`, `webhook batch 17 item 3`. */
  origin: string;
  /** The cluster the source knows the event belongs to (a CloudWatch log group names it). */
  cluster?: string;
}

/** Something a source could not read; counted and reported, and the stream goes on. */
export interface SourceProblem {
  /** `truncated-json`, `gzip-bomb`, `not-audit-log`, `too-large`, `unreadable`. */
  reason: string;
  origin: string;
  /** For a person, without the input's content (it may hold secrets). */
  detail: string;
}

export interface EventSink {
  /**
   * Takes one event. A promise means the consumer is busy: the source waits for it before
   * reading on (back-pressure), so a file is never read faster than it is judged.
   */
  event(raw: RawEvent): void | Promise<void>;
  problem(problem: SourceProblem): void;
}

export interface SourceSummary {
  events: number;
  problems: number;
}

export interface EventSource<Options> {
  /** Kebab-case: `file`, `webhook`. */
  readonly name: string;
  readonly description: string;
  /**
   * Runs until the input ends (files) or `signal` aborts (servers, which then stop taking new
   * events and hand every accepted one to the sink before resolving).
   */
  run(options: Options, sink: EventSink, signal: AbortSignal): Promise<SourceSummary>;
}

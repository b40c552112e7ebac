/** What the framer hands on: events as JSON text, and what it could not read. */

export type FramingProblemReason = 'truncated-json' | 'not-json' | 'too-large' | 'not-audit-log';

/** Where something is: the line it starts on, and its place among list items when in a list. */
export interface Where {
  /** 1-based. */
  line: number;
  /** 1-based, counted over every list element of the input so far; undefined at top level. */
  item: number | undefined;
}

export interface FramedEvent extends Where {
  type: 'event';
  text: string;
  /** The cluster the input names (a CloudWatch log group), if it does. */
  cluster: string | undefined;
}

export interface FramedProblem extends Where {
  type: 'problem';
  reason: FramingProblemReason;
  /** Says what went wrong; never quotes the input, which may hold secrets. */
  detail: string;
}

export type Framed = FramedEvent | FramedProblem;

/**
 * What a top-level value was: an `event` (any other object), an `event-list` (an
 * `audit.k8s.io` EventList), a `list` (another object with `items`), an `array`, `log-events`
 * (`aws logs` output) or a `subscription` payload.
 */
export type DocumentShape =
  'event' | 'event-list' | 'list' | 'array' | 'log-events' | 'subscription';

export interface FramingStats {
  /** Complete top-level values read, by what they were. */
  documents: Record<DocumentShape, number>;
  /** Subscription payloads of type CONTROL_MESSAGE, skipped whole. */
  controlMessages: number;
  /** CloudWatch log events of streams other than `kube-apiserver-audit-*`, skipped. */
  otherStreamEvents: number;
  /** The most bytes of one unfinished value held across chunks, to show the cap holds. */
  peakBufferedBytes: number;
}

export interface FramerOptions {
  /** Larger events are reported as `too-large` and skipped; default 2 MiB. */
  maxEventBytes?: number;
}

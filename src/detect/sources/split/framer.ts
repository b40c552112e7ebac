import {
  clusterOfLogGroup,
  controlMessageType,
  isAuditStream,
  unescapeMessage,
} from './cloudwatch.js';
import { isContainerKey, isDocumentField, Key } from './keys.js';
import { ARRAY, CLOSE_BRACE, isJsonWhitespace, JsonScanner, NEWLINE, OBJECT } from './scanner.js';
import type { DocumentShape, Framed, FramerOptions, FramingStats, Where } from './types.js';

/**
 * A streaming framer: bytes in, one audit event's JSON text out at a time, never a parsed value
 * (the engine parses each event once, after capping its size). It reads:
 *
 * - JSON lines, or objects back to back: each top-level object is an event;
 * - an `EventList` (any object with an `items` array) and a top-level array: each element,
 *   streamed one by one, so a list of any size is never held whole;
 * - `aws logs filter-log-events` / `get-log-events` output (`events[].message`) and CloudWatch
 *   Logs subscription payloads (`logEvents[].message`; the cluster from the log group): each
 *   message of an audit stream.
 *
 * A document is told apart by its top-level keys as they stream past, so the keys that say what
 * it is (`kind`, `messageType`, `logGroup`, `logStream`) must come before its list, as the API
 * server and CloudWatch write them.
 */

const MiB = 1024 * 1024;
export const defaultMaxEventBytes = 2 * MiB;

/** How every line of the API server's log backend (and every typed list item) begins. */
const eventLinePrefix = new TextEncoder().encode('{"kind":"Event",');
// What follows a log event's message, as AWS writes them; long enough for a skipping search.
const nextLogEventPattern = new TextEncoder().encode('"},{"id":"');
const ingestionTimePattern = new TextEncoder().encode('","ingestionTime":');
/** Two values back to back; inside a string it only costs the fast path. */
const closeOpen = new TextEncoder().encode('}{');

// Which array of the document holds its events.
const NO_CONTAINER = 0;
const ITEMS = 1;
const TOP_ARRAY = 2;
const LOG_EVENTS_EXPORT = 3;
const SUBSCRIPTION = 4;

// The object whose bytes are kept.
const NO_FRAME = 0;
/** A top-level object: an event, unless a container key turns up in it. */
const DOCUMENT_FRAME = 1;
/** One element of the document's container array. */
const ELEMENT_FRAME = 2;

/**
 * Whether an object's text lacks the leading `"kind":"Event"` the API server writes first when
 * it writes one at all; an empty object is left as it is.
 */
function needsTypeMeta(bytes: Buffer): boolean {
  let k = 1;
  while (k < bytes.length && isJsonWhitespace(bytes[k] as number)) {
    k++;
  }
  if (bytes[k] === CLOSE_BRACE) {
    return false;
  }
  return bytes.compare(eventLinePrefix, 0, eventLinePrefix.length, 0, eventLinePrefix.length) !== 0;
}

function noDocuments(): Record<DocumentShape, number> {
  return { event: 0, 'event-list': 0, list: 0, array: 0, 'log-events': 0, subscription: 0 };
}

export class Framer extends JsonScanner {
  readonly stats: FramingStats = {
    documents: noDocuments(),
    controlMessages: 0,
    otherStreamEvents: 0,
    peakBufferedBytes: 0,
  };
  private readonly maxEventBytes: number;
  /** Where `}{` next occurs in the chunk; -2 before the chunk is searched. */
  private nextPair = -2;
  /** Where the patterns that end a message next occur in the chunk; -2 before searching. */
  private nextLogEvent = -2;
  private nextIngestionTime = -2;
  private lastDocumentOneLine = false;

  // The document (top-level value).
  private documentLine = 0;
  private documentIsObject = false;
  private kind: string | undefined;
  private apiVersion: string | undefined;
  private messageType: string | undefined;
  private logGroup: string | undefined;
  private logStream: string | undefined;
  private cluster: string | undefined;
  private container = NO_CONTAINER;
  /** What an `EventList` item without its own kind and apiVersion is given. */
  private typeMetaPrefix: string | undefined;
  private items = 0;

  // The frame.
  private frame = NO_FRAME;
  private frameDepth = 0;
  /** Index in the current chunk where the frame's unsaved bytes begin. */
  private frameStart = 0;
  private frameOffset = 0;
  private frameLine = 0;
  private frameItem: number | undefined;
  private framePieces: Buffer[] = [];
  private frameBytes = 0;
  private frameOver = false;
  /** The log event's `message` literal, as offsets into the frame. */
  private messageStart = -1;
  private messageEnd = -1;
  private elementStream: string | undefined;
  /** The log event's message, when `wholeMessage` read it. */
  private message: string | undefined;

  constructor(options: FramerOptions = {}) {
    super();
    this.maxEventBytes = options.maxEventBytes ?? defaultMaxEventBytes;
  }

  override push(chunk: Buffer): Framed[] {
    this.nextPair = -2;
    this.nextLogEvent = -2;
    this.nextIngestionTime = -2;
    return super.push(chunk);
  }

  /**
   * The API server's log backend writes one compact event per line, starting with its kind.
   * Such a line goes on whole, with no byte-by-byte pass: the engine's `JSON.parse` checks it
   * anyway, and a raw line break never occurs inside JSON, so no event can hide another.
   * A line that runs past the chunk, does not end its object, may hold two values or is too
   * large takes the full pass instead.
   */
  protected wholeLine(chunk: Buffer, i: number, n: number): number {
    if (i + eventLinePrefix.length > n) {
      return i;
    }
    for (let k = 1; k < eventLinePrefix.length; k++) {
      if (chunk[i + k] !== eventLinePrefix[k]) {
        return i;
      }
    }
    const newlineAt = chunk.indexOf(NEWLINE, i);
    if (newlineAt === -1) {
      return i;
    }
    let end = newlineAt;
    while (end > i && isJsonWhitespace(chunk[end - 1] as number)) {
      end--;
    }
    if (chunk[end - 1] !== CLOSE_BRACE || end - i > this.maxEventBytes) {
      return i;
    }
    if (this.nextPair !== -1 && this.nextPair < i) {
      this.nextPair = chunk.indexOf(closeOpen, i);
    }
    if (this.nextPair !== -1 && this.nextPair < end) {
      return i;
    }
    this.out.push({
      type: 'event',
      text: chunk.toString('utf8', i, end),
      line: this.line,
      item: undefined,
      cluster: undefined,
    });
    this.stats.documents.event++;
    this.lastDocumentOneLine = true;
    this.completedDocument();
    this.newline(newlineAt);
    return newlineAt + 1;
  }

  protected opening(type: number, i: number, atLineStart: boolean): boolean {
    const depth = this.depth;
    if (depth === 0) {
      this.startDocument(type, i);
    } else if (type === OBJECT && atLineStart && this.lastDocumentOneLine) {
      // JSON lines never break inside a value: an object opening a line is the next event, and
      // the value before it was cut short (a crash mid-write).
      this.problem('truncated-json', 'the line ends before its JSON value does', this.abandoned());
      return false;
    } else if (depth === this.elementDepth) {
      this.startElement(type, i);
    } else if (
      depth === 1 &&
      type === ARRAY &&
      this.documentIsObject &&
      this.container === NO_CONTAINER &&
      isContainerKey(this.pendingKey)
    ) {
      this.enterContainer(this.pendingKey);
    }
    this.pendingKey = Key.other;
    return true;
  }

  protected closing(end: number): void {
    const depth = this.depth;
    if (this.frame !== NO_FRAME && depth === this.frameDepth) {
      this.endFrame(end);
    }
    if (depth === this.elementDepth - 1) {
      this.elementDepth = -1;
    }
    if (depth === 0) {
      this.endDocument();
    }
  }

  protected valueStarting(i: number, isString: boolean): Key {
    const key = this.pendingKey;
    this.pendingKey = Key.other;
    const depth = this.depth;
    if (depth === this.elementDepth) {
      this.items++;
      this.notAnObject();
      return Key.other;
    }
    if (key === Key.other || !isString) {
      return Key.other;
    }
    if (depth === 1 && this.documentIsObject) {
      return isDocumentField(key) ? key : Key.other;
    }
    if (depth === this.elementKeyDepth) {
      if (key === Key.message) {
        this.messageStart = this.chunkBase + i - this.frameOffset;
        return Key.message;
      }
      if (key === Key.logStreamName) {
        return key;
      }
    }
    return Key.other;
  }

  protected fieldRead(field: Key, value: string): void {
    switch (field) {
      case Key.kind:
        this.kind = value;
        break;
      case Key.apiVersion:
        this.apiVersion = value;
        break;
      case Key.messageType:
        this.messageType = value;
        break;
      case Key.logGroup:
        this.logGroup = value;
        break;
      case Key.logStream:
        this.logStream = value;
        break;
      case Key.logStreamName:
        this.elementStream = value;
        break;
    }
  }

  protected messageEnded(end: number): void {
    this.messageEnd = this.chunkBase + end - this.frameOffset;
  }

  protected abandoned(): Where {
    if (this.frame === ELEMENT_FRAME) {
      return { line: this.frameLine, item: this.frameItem };
    }
    if (this.depth > 0) {
      return { line: this.documentLine, item: undefined };
    }
    return { line: this.line, item: undefined };
  }

  protected dropped(): void {
    this.frame = NO_FRAME;
    this.framePieces = [];
    this.container = NO_CONTAINER;
    this.documentIsObject = false;
  }

  /** At the end of a chunk, keeps the open frame's bytes, up to the cap and no further. */
  protected saveFrameTail(chunk: Buffer): void {
    if (this.frame === NO_FRAME) {
      return;
    }
    const tail = chunk.subarray(this.frameStart);
    this.frameBytes += tail.length;
    this.frameStart = 0;
    if (this.frameOver) {
      return;
    }
    if (this.frameBytes > this.maxEventBytes) {
      this.frameOver = true;
      this.framePieces = [];
      return;
    }
    this.framePieces.push(tail);
    if (this.frameBytes > this.stats.peakBufferedBytes) {
      this.stats.peakBufferedBytes = this.frameBytes;
    }
  }

  // Documents and their containers.

  private startDocument(type: number, i: number): void {
    this.documentLine = this.line;
    this.documentIsObject = type === OBJECT;
    this.documentKeyDepth = type === OBJECT ? 1 : -1;
    this.kind = undefined;
    this.apiVersion = undefined;
    this.messageType = undefined;
    this.logGroup = undefined;
    this.logStream = undefined;
    this.cluster = undefined;
    this.container = NO_CONTAINER;
    this.elementDepth = -1;
    this.typeMetaPrefix = undefined;
    if (type === OBJECT) {
      this.startFrame(DOCUMENT_FRAME, i, undefined);
    } else {
      this.container = TOP_ARRAY;
      this.elementDepth = 1;
    }
  }

  private endDocument(): void {
    const shape = this.shape();
    this.stats.documents[shape]++;
    if (shape === 'subscription' && this.messageType === controlMessageType) {
      this.stats.controlMessages++;
    }
    this.lastDocumentOneLine = this.documentLine === this.line;
    this.documentIsObject = false;
    this.documentKeyDepth = -1;
    this.container = NO_CONTAINER;
  }

  private shape(): DocumentShape {
    switch (this.container) {
      case ITEMS:
        return this.typeMetaPrefix !== undefined ? 'event-list' : 'list';
      case TOP_ARRAY:
        return 'array';
      case LOG_EVENTS_EXPORT:
        return 'log-events';
      case SUBSCRIPTION:
        return 'subscription';
      default:
        return 'event';
    }
  }

  private enterContainer(key: Key): void {
    // The document is a list, not an event: what was kept of it is not needed.
    this.frame = NO_FRAME;
    this.framePieces = [];
    this.elementDepth = 2;
    if (key === Key.items) {
      this.container = ITEMS;
      // The API server's webhook sends the items of its EventList without their own kind and
      // apiVersion (kubernetes#77076); they are the list's.
      if (this.kind === 'EventList' && this.apiVersion?.startsWith('audit.k8s.io/') === true) {
        this.typeMetaPrefix = `{"kind":"Event","apiVersion":${JSON.stringify(this.apiVersion)},`;
      }
    } else if (key === Key.events) {
      this.container = LOG_EVENTS_EXPORT;
    } else {
      this.container = SUBSCRIPTION;
      this.cluster = this.logGroup === undefined ? undefined : clusterOfLogGroup(this.logGroup);
    }
  }

  private inLogEvents(): boolean {
    return this.container === LOG_EVENTS_EXPORT || this.container === SUBSCRIPTION;
  }

  private startElement(type: number, i: number): void {
    this.items++;
    if (type === OBJECT) {
      this.startFrame(ELEMENT_FRAME, i, this.items);
      if (this.inLogEvents()) {
        this.elementKeyDepth = this.elementDepth + 1;
      }
    } else {
      this.notAnObject();
    }
  }

  private notAnObject(): void {
    this.problem('not-audit-log', 'the list item is not a JSON object', {
      line: this.line,
      item: this.items,
    });
  }

  // Frames.

  private startFrame(role: number, i: number, item: number | undefined): void {
    this.frame = role;
    this.frameDepth = this.depth;
    this.frameStart = i;
    this.frameOffset = this.chunkBase + i;
    this.frameLine = this.line;
    this.frameItem = item;
    this.framePieces = [];
    this.frameBytes = 0;
    this.frameOver = false;
    this.messageStart = -1;
    this.messageEnd = -1;
    this.elementStream = undefined;
    this.message = undefined;
  }

  private endFrame(end: number): void {
    const role = this.frame;
    this.frame = NO_FRAME;
    this.elementKeyDepth = -1;
    const size = this.frameBytes + end - this.frameStart;
    const where = { line: this.frameLine, item: this.frameItem };
    const logEvent = role === ELEMENT_FRAME && this.inLogEvents();
    if (size > this.maxEventBytes) {
      this.framePieces = [];
      this.problem(
        'too-large',
        `the ${logEvent ? 'log event' : 'event'} is ${size} bytes, over the ${this.maxEventBytes}-byte cap`,
        where
      );
      return;
    }
    if (logEvent) {
      this.logEvent(where, end);
      this.framePieces = [];
      return;
    }
    const bytes = this.frameBytesTo(end);
    this.framePieces = [];
    let text = bytes.toString('utf8');
    if (role === ELEMENT_FRAME && this.typeMetaPrefix !== undefined && needsTypeMeta(bytes)) {
      // A kind or apiVersion of the item's own, further on, still wins: JSON.parse keeps the
      // last of duplicate keys.
      text = this.typeMetaPrefix + text.slice(1);
    }
    this.out.push({ type: 'event', text, line: where.line, item: where.item, cluster: undefined });
  }

  /** The frame's bytes, from its start to `end` in the current chunk. */
  private frameBytesTo(end: number): Buffer {
    if (this.framePieces.length === 0) {
      return this.chunk.subarray(this.frameStart, end);
    }
    this.framePieces.push(this.chunk.subarray(0, end));
    return Buffer.concat(this.framePieces);
  }

  /** One CloudWatch log event: its message, if it is from an audit stream. */
  private logEvent(where: Where, end: number): void {
    if (this.container === SUBSCRIPTION) {
      if (this.messageType === controlMessageType) {
        return;
      }
      if (this.logStream !== undefined && !isAuditStream(this.logStream)) {
        this.stats.otherStreamEvents++;
        return;
      }
    } else if (this.elementStream !== undefined && !isAuditStream(this.elementStream)) {
      this.stats.otherStreamEvents++;
      return;
    }
    let text = this.message;
    if (text === undefined) {
      if (this.messageStart < 0 || this.messageEnd < 0) {
        this.problem('not-audit-log', 'the log event has no message string', where);
        return;
      }
      const literal = this.frameBytesTo(end).toString('utf8', this.messageStart, this.messageEnd);
      text = unescapeMessage(literal);
      if (text === undefined) {
        this.problem('not-json', 'the log event message is not a valid JSON string', where);
        return;
      }
    }
    this.out.push({
      type: 'event',
      text,
      line: where.line,
      item: where.item,
      cluster: this.cluster,
    });
  }

  /**
   * A log event's message read at once. AWS writes a subscription's log events as
   * `{"id":…,"timestamp":…,"message":"…"}` and `aws logs` output as
   * `{…,"message":"…","ingestionTime":…}`, so the literal ends where `"},{"id":"` or
   * `","ingestionTime":` first follows; neither can occur inside a JSON string, whose quotes are
   * all escaped. Parsing the literal (needed anyway, to unescape it) proves the guess; when it
   * fails, or the end is not in this chunk (the last log event of a payload), the string is read
   * byte by byte instead. Returns the index after the literal, or `i`.
   */
  protected wholeMessage(chunk: Buffer, i: number): number {
    let close: number;
    if (this.container === SUBSCRIPTION) {
      if (this.nextLogEvent !== -1 && this.nextLogEvent <= i) {
        this.nextLogEvent = chunk.indexOf(nextLogEventPattern, i + 1);
      }
      close = this.nextLogEvent;
    } else {
      if (this.nextIngestionTime !== -1 && this.nextIngestionTime <= i) {
        this.nextIngestionTime = chunk.indexOf(ingestionTimePattern, i + 1);
      }
      close = this.nextIngestionTime;
    }
    if (close === -1 || close + 1 - i > this.maxEventBytes) {
      return i;
    }
    const text = unescapeMessage(chunk.toString('utf8', i, close + 1));
    if (text === undefined) {
      return i;
    }
    this.message = text;
    return close + 1;
  }
}

import { classifyKey, Key } from './keys.js';
import type { Framed, FramingProblemReason, Where } from './types.js';

/**
 * The byte level of the framer: one pass over the input that knows only whether it is inside a
 * string, how deep it is, and what may come next, never a value. The framer above it decides
 * what the values mean through the hooks. Nesting is a counter and a byte array, not recursion.
 *
 * When the bytes break the grammar, what is open is dropped with one problem and reading starts
 * again at the next line (or at this byte, when it opens a line: the value before it was cut).
 * A run of bad lines is one problem, until a document reads cleanly again.
 */

/** Kubernetes objects nest a few dozen levels; anything far deeper is an attack on us. */
export const maxNestingDepth = 10_000;
/** Longer keys and fields are not kept (none we look for comes near). */
const maxCapturedBytes = 1024;

// What may come next.
const TOP = 0;
const VALUE = 1;
const VALUE_OR_CLOSE = 2;
const KEY = 3;
const KEY_OR_CLOSE = 4;
const COLON = 5;
const COMMA_OR_CLOSE = 6;
/** Inside a number, `true`, `false` or `null`. */
const TOKEN = 7;
/** After a problem: the rest of the line is dropped. */
const SKIP_LINE = 8;

export const OBJECT = 1;
export const ARRAY = 2;

const WHITESPACE = 1;
const TOKEN_CHAR = 2;
const byteClass = new Uint8Array(256);
for (const byte of [0x20, 0x09, 0x0a, 0x0d]) {
  byteClass[byte] = WHITESPACE;
}
for (const byte of new TextEncoder().encode(
  '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.+-'
)) {
  byteClass[byte] = TOKEN_CHAR;
}

export function isJsonWhitespace(byte: number): boolean {
  return byteClass[byte] === WHITESPACE;
}

export const QUOTE = 0x22;
const BACKSLASH = 0x5c;
export const NEWLINE = 0x0a;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
/** Bytes that end a run of plain string content. */
const stringStop = new Uint8Array(256);
stringStop[QUOTE] = 1;
stringStop[BACKSLASH] = 1;
stringStop[NEWLINE] = 1;

const byteOrderMark = [0xef, 0xbb, 0xbf];

export abstract class JsonScanner {
  protected out: Framed[] = [];
  protected chunk: Buffer = Buffer.alloc(0);
  /** Stream offset of the chunk's first byte. */
  protected chunkBase = 0;
  protected line = 1;
  /** Stream offset of the current line's first byte. */
  private lineStart = 0;
  private lineHasContent = false;

  /** Open objects and arrays. */
  protected depth = 0;
  private stack = new Uint8Array(64);
  private expect = TOP;
  private inString = false;
  private stringIsKey = false;
  private escapePending = false;
  private inGarbage = false;

  /** The key just read, when it is one the framer looks for; its value clears it. */
  protected pendingKey: Key = Key.other;
  /** The depth of the open container's elements, -1 when none is open. */
  protected elementDepth = -1;
  /** Depths whose keys are read (the document's own, a log event's); -1 when none. */
  protected documentKeyDepth = -1;
  protected elementKeyDepth = -1;

  private capturing = false;
  private captureField: Key = Key.other;
  private captureStart = 0;
  private capturePieces: Buffer[] = [];
  private captureBytes = 0;
  private readingMessage = false;

  /** Frames what `chunk` completes, in input order. */
  push(chunk: Buffer): Framed[] {
    this.chunk = chunk;
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        i = this.scanString(chunk, i, n);
        continue;
      }
      const expect = this.expect;
      if (expect === SKIP_LINE) {
        i = this.skipLine(chunk, i, n);
        continue;
      }
      const byte = chunk[i] as number;
      const cls = byteClass[byte];
      if (expect === TOKEN) {
        if (cls === TOKEN_CHAR) {
          i++;
          continue;
        }
        this.expect = COMMA_OR_CLOSE;
      }
      if (cls === WHITESPACE) {
        if (byte === NEWLINE) {
          this.newline(i);
        }
        i++;
        continue;
      }
      if (expect === TOP && byte === OPEN_BRACE && !this.lineHasContent) {
        const next = this.wholeLine(chunk, i, n);
        if (next !== i) {
          i = next;
          continue;
        }
      }
      i = this.structural(byte, i);
    }
    this.saveCaptureTail(chunk);
    this.saveFrameTail(chunk);
    this.chunkBase += n;
    return this.take();
  }

  /** The input has ended: a value it left open is a problem. */
  end(): Framed[] {
    if (this.depth > 0 || this.inString) {
      this.problem('truncated-json', 'the input ends inside a JSON value', this.abandoned());
      this.reset();
    }
    return this.take();
  }

  // Hooks for the framer.

  /** Takes a whole line at once; returns the index after it, or `i` to scan it byte by byte. */
  protected abstract wholeLine(chunk: Buffer, i: number, n: number): number;
  /** An object or array opens at `i` (depth not yet raised); false drops what is open. */
  protected abstract opening(type: number, i: number, atLineStart: boolean): boolean;
  /** An object or array closed just before `end` (depth already lowered). */
  protected abstract closing(end: number): void;
  /**
   * A string or scalar value starts at `i` after a key the framer looks for, or as a list
   * element. Returns the field to capture, `Key.message` to be told where the string ends, or
   * `Key.other`.
   */
  protected abstract valueStarting(i: number, isString: boolean): Key;
  protected abstract fieldRead(field: Key, value: string): void;
  /** Reads a log event's message string at `i` at once; the index after it, or `i`. */
  protected abstract wholeMessage(chunk: Buffer, i: number): number;
  protected abstract messageEnded(end: number): void;
  /** Where the value being dropped started. */
  protected abstract abandoned(): Where;
  /** Forgets the framer's open document and frame. */
  protected abstract dropped(): void;
  protected abstract saveFrameTail(chunk: Buffer): void;

  // Shared with the framer.

  protected problem(reason: FramingProblemReason, detail: string, where: Where): void {
    this.out.push({ type: 'problem', reason, detail, line: where.line, item: where.item });
  }

  protected newline(at: number): void {
    this.line++;
    this.lineStart = this.chunkBase + at + 1;
    this.lineHasContent = false;
  }

  /** A document read cleanly: the next bad line is news again. */
  protected completedDocument(): void {
    this.inGarbage = false;
  }

  private take(): Framed[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private structural(byte: number, i: number): number {
    const expect = this.expect;
    const fresh = !this.lineHasContent;
    this.lineHasContent = true;
    switch (byte) {
      case OPEN_BRACE:
      case 0x5b: // [
        if (expect === VALUE || expect === VALUE_OR_CLOSE || expect === TOP) {
          return this.open(byte === OPEN_BRACE ? OBJECT : ARRAY, i);
        }
        break;
      case CLOSE_BRACE:
        if ((expect === KEY_OR_CLOSE || expect === COMMA_OR_CLOSE) && this.innermost() === OBJECT) {
          return this.close(i);
        }
        break;
      case 0x5d: // ]
        if (
          (expect === VALUE_OR_CLOSE || expect === COMMA_OR_CLOSE) &&
          this.innermost() === ARRAY
        ) {
          return this.close(i);
        }
        break;
      case 0x2c: // ,
        if (expect === COMMA_OR_CLOSE) {
          this.expect = this.innermost() === OBJECT ? KEY : VALUE;
          return i + 1;
        }
        break;
      case 0x3a: // :
        if (expect === COLON) {
          this.expect = VALUE;
          return i + 1;
        }
        break;
      case QUOTE:
        if (expect === KEY || expect === KEY_OR_CLOSE) {
          return this.openKey(i);
        }
        if (expect === VALUE || expect === VALUE_OR_CLOSE) {
          return this.openStringValue(i);
        }
        break;
      default:
        if (byteClass[byte] === TOKEN_CHAR && (expect === VALUE || expect === VALUE_OR_CLOSE)) {
          if (this.pendingKey !== Key.other || this.depth === this.elementDepth) {
            this.valueStarting(i, false);
          }
          this.expect = TOKEN;
          return i + 1;
        }
    }
    return this.unexpected(byte, i, fresh);
  }

  private innermost(): number {
    return this.depth > 0 ? (this.stack[this.depth - 1] as number) : 0;
  }

  private open(type: number, i: number): number {
    if (!this.opening(type, i, this.chunkBase + i === this.lineStart)) {
      this.reset();
      return i;
    }
    const depth = this.depth;
    if (depth >= maxNestingDepth) {
      return this.garbage(`JSON nested more than ${maxNestingDepth} levels deep`, i);
    }
    if (depth >= this.stack.length) {
      const grown = new Uint8Array(this.stack.length * 2);
      grown.set(this.stack);
      this.stack = grown;
    }
    this.stack[depth] = type;
    this.depth = depth + 1;
    this.expect = type === OBJECT ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
    return i + 1;
  }

  private close(i: number): number {
    this.depth--;
    this.closing(i + 1);
    if (this.depth === 0) {
      this.expect = TOP;
      this.inGarbage = false;
    } else {
      this.expect = COMMA_OR_CLOSE;
    }
    return i + 1;
  }

  private openKey(i: number): number {
    this.inString = true;
    this.stringIsKey = true;
    const depth = this.depth;
    if (depth === this.documentKeyDepth || depth === this.elementKeyDepth) {
      this.startCapture(Key.other, i + 1);
    }
    return i + 1;
  }

  private openStringValue(i: number): number {
    this.inString = true;
    this.stringIsKey = false;
    if (this.pendingKey === Key.other && this.depth !== this.elementDepth) {
      return i + 1;
    }
    const field = this.valueStarting(i, true);
    if (field === Key.message) {
      const end = this.wholeMessage(this.chunk, i);
      if (end !== i) {
        this.inString = false;
        this.expect = COMMA_OR_CLOSE;
        return end;
      }
      this.readingMessage = true;
    } else if (field !== Key.other) {
      this.startCapture(field, i + 1);
    }
    return i + 1;
  }

  private scanString(chunk: Buffer, start: number, n: number): number {
    let j = start;
    if (this.escapePending) {
      this.escapePending = false;
      if (chunk[j] === NEWLINE) {
        return this.brokenString(j);
      }
      j++;
    }
    for (;;) {
      while (j < n && stringStop[chunk[j] as number] === 0) {
        j++;
      }
      if (j >= n) {
        return n;
      }
      const byte = chunk[j];
      if (byte === QUOTE) {
        break;
      }
      if (byte === NEWLINE) {
        return this.brokenString(j);
      }
      if (j + 1 >= n) {
        this.escapePending = true;
        return n;
      }
      if (chunk[j + 1] === NEWLINE) {
        return this.brokenString(j + 1);
      }
      j += 2;
    }
    this.inString = false;
    if (this.stringIsKey) {
      if (this.capturing) {
        this.pendingKey = this.endKeyCapture(chunk, j);
      }
      if (j + 1 < n && chunk[j + 1] === 0x3a) {
        // Compact JSON: the colon follows at once, and needs no trip through the loop.
        this.expect = VALUE;
        return j + 2;
      }
      this.expect = COLON;
    } else {
      if (this.capturing) {
        this.endFieldCapture(chunk, j);
      } else if (this.readingMessage) {
        this.readingMessage = false;
        this.messageEnded(j + 1);
      }
      this.expect = COMMA_OR_CLOSE;
    }
    return j + 1;
  }

  /** A raw line break inside a string: JSON never has one, so the line was cut. */
  private brokenString(newlineAt: number): number {
    this.problem('truncated-json', 'the line ends inside a JSON string', this.abandoned());
    this.reset();
    this.newline(newlineAt);
    return newlineAt + 1;
  }

  private skipLine(chunk: Buffer, i: number, n: number): number {
    const at = chunk.indexOf(NEWLINE, i);
    if (at === -1) {
      return n;
    }
    this.newline(at);
    this.expect = TOP;
    return at + 1;
  }

  private unexpected(byte: number, i: number, fresh: boolean): number {
    const offset = this.chunkBase + i;
    if (this.depth === 0 && offset < byteOrderMark.length && byte === byteOrderMark[offset]) {
      this.lineHasContent = false;
      return i + 1;
    }
    if (this.depth === 0) {
      return this.garbage('expected a JSON object or array; the line is skipped', i);
    }
    if (fresh) {
      // The value broke where a line begins: it was cut short there, and the line is new.
      this.problem('truncated-json', 'the line ends before its JSON value does', this.abandoned());
      this.reset();
      return i;
    }
    return this.garbage(`unexpected character on line ${this.line}`, i);
  }

  /** Drops what is open and goes on at the next line. */
  private garbage(detail: string, i: number): number {
    if (!this.inGarbage) {
      this.problem('not-json', detail, this.abandoned());
      this.inGarbage = true;
    }
    this.reset();
    this.expect = SKIP_LINE;
    return i;
  }

  private reset(): void {
    this.depth = 0;
    this.expect = TOP;
    this.inString = false;
    this.escapePending = false;
    this.capturing = false;
    this.capturePieces = [];
    this.readingMessage = false;
    this.pendingKey = Key.other;
    this.elementDepth = -1;
    this.documentKeyDepth = -1;
    this.elementKeyDepth = -1;
    this.dropped();
  }

  // Captures: keys we may know, and short fields (kind, log group...).

  private startCapture(field: Key, start: number): void {
    this.capturing = true;
    this.captureField = field;
    this.captureStart = start;
    this.capturePieces = [];
    this.captureBytes = 0;
  }

  private endKeyCapture(chunk: Buffer, end: number): Key {
    this.capturing = false;
    if (this.captureBytes === 0) {
      return classifyKey(chunk, this.captureStart, end);
    }
    const bytes = this.joinCapture(chunk, end);
    return bytes === undefined ? Key.other : classifyKey(bytes, 0, bytes.length);
  }

  private endFieldCapture(chunk: Buffer, end: number): void {
    this.capturing = false;
    const bytes =
      this.captureBytes === 0
        ? chunk.subarray(this.captureStart, end)
        : this.joinCapture(chunk, end);
    if (bytes === undefined || bytes.length > maxCapturedBytes) {
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(`"${bytes.toString('utf8')}"`);
    } catch {
      return;
    }
    if (typeof value === 'string') {
      this.fieldRead(this.captureField, value);
    }
  }

  private joinCapture(chunk: Buffer, end: number): Buffer | undefined {
    if (this.captureBytes + end > maxCapturedBytes) {
      return undefined;
    }
    this.capturePieces.push(chunk.subarray(0, end));
    return Buffer.concat(this.capturePieces);
  }

  private saveCaptureTail(chunk: Buffer): void {
    if (!this.capturing) {
      return;
    }
    const tail = chunk.subarray(this.captureStart);
    this.captureBytes += tail.length;
    if (this.captureBytes <= maxCapturedBytes) {
      this.capturePieces.push(tail);
    }
    this.captureStart = 0;
  }
}

import { InputError } from '../../../core/errors.js';
import { ByteCollector } from './byte-collector.js';
import { maxNameBytes, maxPackageBytes } from './limits.js';

/**
 * One member of the top-level object: a source package's name and the JSON text of its value,
 * not yet parsed; or the reason it cannot be read, when the scanner could still find where it
 * ends (so reading goes on with the next one).
 */
export type PackageText =
  | { kind: 'package'; name: string; bytes: Uint8Array }
  | { kind: 'unreadable'; name: string; reason: string };

type State =
  | 'start'
  | 'first-name'
  | 'name-required'
  | 'name'
  | 'colon'
  | 'value-start'
  | 'value'
  | 'after-value'
  | 'done';

type ValueKind = 'container' | 'string' | 'scalar';

const quote = 0x22;
const backslash = 0x5c;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const comma = 0x2c;
const colon = 0x3a;
const byteOrderMark = [0xef, 0xbb, 0xbf];
/** Decoding is stateless without `stream`, so one of each serves every name. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Ends a scalar value (`true`, `12`) at the top level of a package's value. */
function endsScalar(byte: number): boolean {
  return isSpace(byte) || byte === comma || byte === closeBrace || byte === closeBracket;
}

function describeByte(byte: number): string {
  return byte >= 0x21 && byte <= 0x7e
    ? JSON.stringify(String.fromCharCode(byte))
    : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

/**
 * Reads the tracker's `{"<package>": {...}, ...}` a chunk at a time and hands out each member
 * as soon as its value is complete, so the file is never held whole. It does not parse the
 * values: it only follows strings (and the escapes in them) and counts brackets outside
 * strings to find where each value ends, working on bytes (UTF-8 never puts a byte below 0x80
 * inside a multi-byte character, so a chunk may split one anywhere).
 *
 * What it cannot get past throws InputError naming the file: a file that ends early, or
 * anything but a name, `:`, a value, `,` or `}` where the top-level object needs one. Broken
 * JSON inside a value whose brackets still balance is left for the caller's JSON.parse to
 * find, and reading goes on after it.
 */
export class PackageScanner {
  readonly #label: string;
  readonly #name: ByteCollector;
  readonly #value: ByteCollector;
  #state: State = 'start';
  /** Bytes of the file before the chunk being read: positions in messages are absolute. */
  #offset = 0;
  #bomSeen = 0;
  #valueKind: ValueKind = 'scalar';
  #depth = 0;
  #inString = false;
  #escape = false;
  #currentName = '';
  #nameProblem: string | undefined;

  constructor(label: string, options: { maxPackageBytes?: number } = {}) {
    this.#label = label;
    this.#name = new ByteCollector(maxNameBytes);
    this.#value = new ByteCollector(options.maxPackageBytes ?? maxPackageBytes);
  }

  /** Reads one chunk; returns the members it completed, in file order. */
  push(chunk: Uint8Array): PackageText[] {
    const done: PackageText[] = [];
    let index = 0;
    while (index < chunk.length) {
      if (this.#state === 'value') {
        index = this.#scanValue(chunk, index, done);
      } else if (this.#state === 'name') {
        index = this.#scanName(chunk, index);
      } else {
        index = this.#structural(chunk, index);
      }
    }
    if (this.#state === 'name') {
      this.#name.carry(chunk);
    } else if (this.#state === 'value') {
      this.#value.carry(chunk);
    }
    this.#offset += chunk.length;
    return done;
  }

  /** The file has ended: throws unless the top-level object was closed. */
  end(): void {
    if (this.#state === 'done') {
      return;
    }
    if (this.#state === 'start') {
      throw new InputError(`${this.#label} is empty: it holds no JSON object`);
    }
    throw new InputError(`${this.#label} is truncated: it ends ${this.#where()}`);
  }

  #where(): string {
    switch (this.#state) {
      case 'name':
        return 'inside a package name';
      case 'colon':
      case 'value-start':
        return `after the package name ${this.#shownName()}`;
      case 'value':
        return `inside the package ${this.#shownName()}`;
      default:
        return 'before the "}" that closes the top-level object';
    }
  }

  /** Names in messages are cut short: a hostile name may be kilobytes long. */
  #shownName(): string {
    return JSON.stringify(this.#currentName.slice(0, 200));
  }

  #fail(what: string, byte: number, index: number): never {
    throw new InputError(
      `${this.#label} is not the tracker's JSON: ${what}, found ${describeByte(byte)} at byte ${this.#offset + index}`
    );
  }

  /** Everything between members: the opening brace, `:`, `,`, the closing brace, spaces. */
  #structural(chunk: Uint8Array, index: number): number {
    const byte = chunk[index] ?? 0;
    if (isSpace(byte)) {
      return index + 1;
    }
    switch (this.#state) {
      case 'start':
        return this.#start(byte, index);
      case 'first-name':
      case 'name-required':
        if (byte === quote) {
          this.#name.begin(index);
          this.#escape = false;
          this.#state = 'name';
          return index + 1;
        }
        if (byte === closeBrace && this.#state === 'first-name') {
          this.#state = 'done';
          return index + 1;
        }
        return this.#fail('expected a package name in quotes', byte, index);
      case 'colon':
        if (byte !== colon) {
          this.#fail('expected ":" after a package name', byte, index);
        }
        this.#state = 'value-start';
        return index + 1;
      case 'value-start':
        return this.#startValue(byte, index);
      case 'after-value':
        if (byte === comma) {
          this.#state = 'name-required';
          return index + 1;
        }
        if (byte !== closeBrace) {
          this.#fail('expected "," or "}" after a package', byte, index);
        }
        this.#state = 'done';
        return index + 1;
      default:
        return this.#fail('expected nothing after the top-level object', byte, index);
    }
  }

  /** A UTF-8 byte-order mark may come first; the decoder would drop it, so do we. */
  #start(byte: number, index: number): number {
    const position = this.#offset + index;
    if (position < byteOrderMark.length && this.#bomSeen === position) {
      if (byte === byteOrderMark[position]) {
        this.#bomSeen++;
        return index + 1;
      }
    }
    if (byte !== openBrace || (this.#bomSeen !== 0 && this.#bomSeen !== byteOrderMark.length)) {
      this.#fail('expected a JSON object keyed by source package', byte, index);
    }
    this.#state = 'first-name';
    return index + 1;
  }

  #startValue(byte: number, index: number): number {
    if (byte === comma || byte === closeBrace || byte === closeBracket || byte === colon) {
      this.#fail(`expected the value of ${this.#shownName()}`, byte, index);
    }
    this.#value.begin(index);
    this.#depth = 0;
    this.#inString = false;
    this.#escape = false;
    this.#valueKind =
      byte === openBrace || byte === openBracket
        ? 'container'
        : byte === quote
          ? 'string'
          : 'scalar';
    this.#state = 'value';
    // The first byte is read again by the value scanner, which counts the bracket or opens
    // the string.
    return index;
  }

  #scanName(chunk: Uint8Array, index: number): number {
    // The opening quote was taken when the name began; this scans to the closing one.
    let at = index;
    for (; at < chunk.length; at++) {
      const byte = chunk[at] ?? 0;
      if (this.#escape) {
        this.#escape = false;
      } else if (byte === backslash) {
        this.#escape = true;
      } else if (byte === quote) {
        this.#endName(this.#name.finish(chunk, at + 1));
        this.#state = 'colon';
        return at + 1;
      }
    }
    return at;
  }

  #endName(bytes: Uint8Array | undefined): void {
    this.#nameProblem = undefined;
    if (bytes === undefined) {
      this.#currentName = `(a name of ${this.#name.size} bytes)`;
      this.#nameProblem = `its name is over the ${maxNameBytes}-byte cap`;
      return;
    }
    try {
      const name: unknown = JSON.parse(strictUtf8.decode(bytes));
      if (typeof name === 'string') {
        this.#currentName = name;
        return;
      }
    } catch {
      // Reported below, with the name as written.
    }
    this.#currentName = lenientUtf8.decode(bytes).slice(1, -1);
    this.#nameProblem = 'its name is not a valid JSON string';
  }

  #scanValue(chunk: Uint8Array, index: number, done: PackageText[]): number {
    if (this.#valueKind === 'scalar') {
      for (let at = index; at < chunk.length; at++) {
        if (endsScalar(chunk[at] ?? 0)) {
          this.#endValue(chunk, at, done);
          return at;
        }
      }
      return chunk.length;
    }
    for (let at = index; at < chunk.length; at++) {
      const byte = chunk[at] ?? 0;
      if (this.#inString) {
        if (this.#escape) {
          this.#escape = false;
        } else if (byte === backslash) {
          this.#escape = true;
        } else if (byte === quote) {
          this.#inString = false;
          if (this.#depth === 0) {
            this.#endValue(chunk, at + 1, done);
            return at + 1;
          }
        }
      } else if (byte === quote) {
        this.#inString = true;
      } else if (byte === openBrace || byte === openBracket) {
        this.#depth++;
      } else if (byte === closeBrace || byte === closeBracket) {
        // Brackets are counted, not matched: `[}` is for JSON.parse to refuse, and counting
        // alone still finds where this package ends.
        this.#depth--;
        if (this.#depth === 0) {
          this.#endValue(chunk, at + 1, done);
          return at + 1;
        }
      }
    }
    return chunk.length;
  }

  #endValue(chunk: Uint8Array, end: number, done: PackageText[]): void {
    const bytes = this.#value.finish(chunk, end);
    const name = this.#currentName;
    this.#state = 'after-value';
    if (this.#nameProblem !== undefined) {
      done.push({ kind: 'unreadable', name, reason: this.#nameProblem });
    } else if (bytes === undefined) {
      const reason = `is ${this.#value.size} bytes, over the ${this.#value.cap}-byte cap for one package`;
      done.push({ kind: 'unreadable', name, reason });
    } else {
      done.push({ kind: 'package', name, bytes });
    }
  }
}

/**
 * The members of the top-level object, one at a time, pulling the next chunk only when the
 * members of the last one have all been taken: memory holds one chunk and one package.
 */
export async function* readPackageTexts(
  chunks: AsyncIterable<Uint8Array>,
  label: string,
  options: { maxPackageBytes?: number } = {}
): AsyncGenerator<PackageText> {
  const scanner = new PackageScanner(label, options);
  for await (const chunk of chunks) {
    yield* scanner.push(chunk);
  }
  scanner.end();
}

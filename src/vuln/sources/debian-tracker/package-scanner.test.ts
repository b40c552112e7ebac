import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { PackageScanner, readPackageTexts, type PackageText } from './package-scanner.js';

const sample = readFileSync(join(import.meta.dirname, 'tracker-sample.json'));

/** A small seeded generator, so a failing split can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function splitEvery(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    chunks.push(bytes.subarray(at, at + size));
  }
  return chunks;
}

function splitRandomly(bytes: Uint8Array, seed: number, largest: number): Uint8Array[] {
  const next = random(seed);
  const chunks: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    const size = 1 + Math.floor(next() * largest);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

function scan(chunks: readonly Uint8Array[], label = 'tracker.json'): PackageText[] {
  const scanner = new PackageScanner(label);
  const texts = chunks.flatMap((chunk) => scanner.push(chunk));
  scanner.end();
  return texts;
}

/** Members as comparable values: the name and the parsed value, or the reason. */
function parsed(texts: readonly PackageText[]): [string, unknown][] {
  return texts.map((text) =>
    text.kind === 'package'
      ? [text.name, JSON.parse(Buffer.from(text.bytes).toString('utf8')) as unknown]
      : [text.name, `unreadable: ${text.reason}`]
  );
}

function bytesOf(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

describe('debian-tracker: the streaming package reader', () => {
  const whole = Object.entries(JSON.parse(sample.toString('utf8')) as Record<string, unknown>);

  it('hands out every package of the sample, each parsing to what JSON.parse reads', () => {
    expect(parsed(scan([sample]))).toEqual(whole);
  });

  it('reads the same packages whatever the chunk boundaries: one byte at a time', () => {
    expect(parsed(scan(splitEvery(sample, 1)))).toEqual(whole);
  });

  it('reads the same packages whatever the chunk boundaries: random sizes', () => {
    for (let seed = 1; seed <= 50; seed++) {
      expect(parsed(scan(splitRandomly(sample, seed, 97))), `seed ${seed}`).toEqual(whole);
    }
  });

  it('follows escapes in strings: quotes, backslashes and brackets in descriptions and names', () => {
    const text = String.raw`{"we\"ird{name": {"D-1": {"d": "a \\\" } ] { [ \\", "e": "\\"}}, "x\\": {"y": "}"}}`;
    const expected = Object.entries(JSON.parse(text) as Record<string, unknown>);

    expect(parsed(scan([bytesOf(text)]))).toEqual(expected);
    expect(parsed(scan(splitEvery(bytesOf(text), 1)))).toEqual(expected);
    expect(expected.map(([name]) => name)).toEqual(['we"ird{name', 'x\\']);
  });

  it('keeps multi-byte UTF-8 whole when a chunk splits a character', () => {
    const text = '{"paquet-é": {"CVE-1": {"description": "日本語 ✓ café"}}}';

    expect(parsed(scan(splitEvery(bytesOf(text), 1)))).toEqual([
      ['paquet-é', { 'CVE-1': { description: '日本語 ✓ café' } }],
    ]);
  });

  it('accepts values that are not objects, for the converter to refuse', () => {
    const text = '{"a": 12, "b": "text, with } and {", "c": [1, {"d": []}], "e": null}';

    expect(parsed(scan(splitEvery(bytesOf(text), 1)))).toEqual([
      ['a', 12],
      ['b', 'text, with } and {'],
      ['c', [1, { d: [] }]],
      ['e', null],
    ]);
  });

  it('accepts an empty object, white space around everything, and a byte-order mark', () => {
    expect(scan([bytesOf(' \n{ \t}\r\n')])).toEqual([]);
    const withMark = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytesOf('{"a": {}}')]);

    expect(parsed(scan(splitEvery(withMark, 1)))).toEqual([['a', {}]]);
  });

  it('throws InputError naming the file for every way of ending early', () => {
    const complete = sample.toString('utf8').trimEnd();
    for (let length = 0; length < complete.length; length++) {
      const prefix = bytesOf(complete.slice(0, length));
      expect(() => scan([prefix], 'cut.json'), `cut at ${length}`).toThrow(InputError);
    }
    expect(() => scan([bytesOf('')], 'cut.json')).toThrow('cut.json is empty');
    expect(() => scan([bytesOf('{"bash": {"CVE-1": {')], 'cut.json')).toThrow(
      'cut.json is truncated: it ends inside the package "bash"'
    );
    expect(() => scan([bytesOf('{"bash": {}, ')], 'cut.json')).toThrow(
      'cut.json is truncated: it ends before the "}" that closes the top-level object'
    );
  });

  it('throws InputError for anything it cannot step past between packages', () => {
    const cases: [string, string][] = [
      ['[{"a": {}}]', 'expected a JSON object keyed by source package, found "[" at byte 0'],
      ['{"a": {}} x', 'expected nothing after the top-level object, found "x" at byte 10'],
      ['{"a": {} "b": {}}', 'expected "," or "}" after a package, found "\\"" at byte 9'],
      ['{"a" {}}', 'expected ":" after a package name, found "{" at byte 5'],
      ['{a: {}}', 'expected a package name in quotes, found "a" at byte 1'],
      ['{"a": {},}', 'expected a package name in quotes, found "}" at byte 9'],
      ['{"a": }', 'expected the value of "a", found "}" at byte 6'],
    ];
    for (const [text, message] of cases) {
      expect(() => scan([bytesOf(text)], 'bad.json'), text).toThrow(
        `bad.json is not the tracker's JSON: ${message}`
      );
    }
  });

  /**
   * Decision: broken JSON inside one package whose strings and brackets still delimit it is
   * that package's problem. The reader hands its text out as it is, the converter's JSON.parse
   * refuses it (one error item), and the packages after it are read.
   */
  it('hands out a package whose JSON is broken inside, and reads on past it', () => {
    const text = '{"a": {"x": [1}], "b": {"CVE-1": {"y": tru}}, "c": {"ok": 1}}';
    const texts = scan(splitEvery(bytesOf(text), 3));

    expect(texts.map((member) => member.kind)).toEqual(['package', 'package', 'package']);
    const [a, b, c] = texts.map((member) =>
      member.kind === 'package' ? Buffer.from(member.bytes).toString() : ''
    );
    // Handed out exactly as written, for JSON.parse to refuse.
    expect([a, b]).toEqual(['{"x": [1}]', '{"CVE-1": {"y": tru}}']);
    expect(() => {
      JSON.parse(a ?? '');
    }).toThrow(SyntaxError);
    expect(parsed(texts.slice(2))).toEqual([['c', { ok: 1 }]]);
    expect(c).toBe('{"ok": 1}');
  });

  it('skips a package over the cap, holding none of it, and reads on past it', () => {
    const big = `{"big": {"x": "${'y'.repeat(5000)}"}, "small": {"z": 1}}`;
    const scanner = new PackageScanner('big.json', { maxPackageBytes: 1000 });
    const texts = splitEvery(bytesOf(big), 64).flatMap((chunk) => scanner.push(chunk));
    scanner.end();

    expect(parsed(texts)).toEqual([
      ['big', 'unreadable: is 5009 bytes, over the 1000-byte cap for one package'],
      ['small', { z: 1 }],
    ]);
  });

  it('reports a package whose name is not a valid JSON string, and reads on', () => {
    const text = '{"bad\\q": {"x": 1}, "good": {}}';

    expect(parsed(scan([bytesOf(text)]))).toEqual([
      ['bad\\q', 'unreadable: its name is not a valid JSON string'],
      ['good', {}],
    ]);
  });

  it('streams a generated 50 MB input, pulling each chunk only when it is needed', async () => {
    const chunkSize = 64 * 1024;
    const packageCount = 20_000;
    const packageText = (index: number): string =>
      `"pkg-${index}": {"CVE-2024-${index}": {"description": "${'x{"}'.replace('"', '\\"').repeat(600)}", "releases": {"bookworm": {"status": "open", "urgency": "low"}}}}`;
    let produced = 0;
    /** Builds the input as it is read: it never exists whole anywhere. */
    async function* generate(): AsyncGenerator<Uint8Array> {
      let pending = Buffer.from('{');
      for (let index = 0; index < packageCount; index++) {
        const member = Buffer.from(`${index === 0 ? '' : ','}${packageText(index)}`);
        pending = Buffer.concat([pending, member]);
        while (pending.length >= chunkSize) {
          produced += chunkSize;
          yield pending.subarray(0, chunkSize);
          pending = Buffer.from(pending.subarray(chunkSize));
        }
        await Promise.resolve();
      }
      pending = Buffer.concat([pending, Buffer.from('}')]);
      produced += pending.length;
      yield pending;
    }

    let count = 0;
    let consumed = 1;
    let largestLead = 0;
    let largestPackage = 0;
    for await (const text of readPackageTexts(generate(), 'generated.json')) {
      expect(text.kind).toBe('package');
      const bytes = text.kind === 'package' ? text.bytes : new Uint8Array();
      consumed += bytes.length + Buffer.byteLength(`"${text.name}": `) + (count === 0 ? 0 : 1);
      largestLead = Math.max(largestLead, produced - consumed);
      largestPackage = Math.max(largestPackage, bytes.length);
      if (count === 12_345) {
        expect(JSON.parse(Buffer.from(bytes).toString())).toMatchObject({
          'CVE-2024-12345': { releases: { bookworm: { status: 'open' } } },
        });
      }
      count++;
    }

    expect(count).toBe(packageCount);
    expect(produced).toBeGreaterThan(50_000_000);
    // The reader never ran more than a chunk ahead of the package it handed out.
    expect(largestLead).toBeLessThanOrEqual(chunkSize);
    expect(largestPackage).toBeLessThan(4000);
  });
});

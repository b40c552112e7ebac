import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import type { SourceContext, SourceItem } from '../../source/types.js';
import { source } from './index.js';
import {
  maxAttributeChars,
  maxDepth,
  maxPackages,
  maxTextChars,
  maxTokenChars,
  maxUpdates,
} from './limits.js';

let root: string;
let context: SourceContext;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'palisade-alas-hostile-'));
  context = { logger: silentLogger, tempDir: root, timeoutMs: 5000 };
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const path = join(root, name);
  writeFileSync(path, content);
  return path;
}

interface Outcome {
  items: SourceItem[];
  error: unknown;
}

/** Everything the source yielded before it stopped, and what it stopped with. */
async function run(path: string): Promise<Outcome> {
  const items: SourceItem[] = [];
  try {
    for await (const item of source.read(path, context)) {
      items.push(item);
    }
  } catch (error) {
    return { items, error };
  }
  return { items, error: undefined };
}

async function failure(path: string): Promise<string> {
  const { error } = await run(path);
  expect(error).toBeInstanceOf(InputError);
  return error instanceof Error ? error.message : '';
}

function update(id: string, body = ''): string {
  return `<update status="final" type="security"><id>${id}</id><issued date="2024-01-01 00:00"/>${body}<pkglist><collection short="x"><package arch="x86_64" name="pkg" version="1.0" release="1.amzn2"/></collection></pkglist></update>`;
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE updates [
  <!ENTITY lol "lol">
  ${Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level === 0 ? '' : level};`.repeat(10)}">`).join('\n  ')}
]>
<updates>${update('ALAS2-2024-1', '<description>&lol9;</description>')}</updates>`;

describe('alas source: hostile and broken documents', () => {
  it('refuses a billion-laughs document before any entity expands', async () => {
    const outcome = await run(write('laughs.xml', billionLaughs));

    expect(outcome.items).toEqual([]);
    expect(outcome.error).toBeInstanceOf(InputError);
    expect(String(outcome.error)).toMatch(/laughs\.xml declares a document type \(<!DOCTYPE>\)/);
  });

  it('refuses an external entity, and an entity no DTD declares', async () => {
    const external = `<!DOCTYPE updates [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><updates>${update('ALAS2-2024-1', '<title>&xxe;</title>')}</updates>`;
    expect(await failure(write('xxe.xml', external))).toMatch(/declares a document type/);

    const undeclared = `<updates>${update('ALAS2-2024-1', '<title>&lol;</title>')}</updates>`;
    expect(await failure(write('undeclared.xml', undeclared))).toMatch(
      /^undeclared\.xml is not well-formed XML: 1:\d+: undefined entity/
    );
  });

  it('throws InputError naming the file for truncated XML, after the updates it could read', async () => {
    const whole = `<updates>${update('ALAS2-2024-1')}${update('ALAS2-2024-2')}</updates>`;
    const outcome = await run(write('truncated.xml', whole.slice(0, whole.length - 40)));

    expect(outcome.items.map((item) => item.origin)).toEqual(['truncated.xml:ALAS2-2024-1']);
    expect(outcome.error).toBeInstanceOf(InputError);
    expect(String(outcome.error)).toMatch(/truncated\.xml is not well-formed XML: .*unclosed tag/);
  });

  it('throws InputError for a truncated gzip stream, bytes that are not UTF-8, and other compressions', async () => {
    const zipped = gzipSync(`<updates>${update('ALAS2-2024-1')}</updates>`);
    expect(await failure(write('cut.xml.gz', zipped.subarray(0, zipped.length - 12)))).toMatch(
      /^cut\.xml\.gz is not a readable gzip file: unexpected end of file$/
    );

    const latin1 = Buffer.from(
      `<updates>${update('ALAS2-2024-1', '<title>caf\xe9</title>')}</updates>`,
      'latin1'
    );
    expect(await failure(write('latin1.xml', latin1))).toBe('latin1.xml is not valid UTF-8');

    const xz = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04]);
    expect(await failure(write('updateinfo.xml.xz', xz))).toBe(
      'updateinfo.xml.xz is xz-compressed; only gzip is read'
    );
  });

  it('throws InputError for an empty file, a second root and a foreign root element', async () => {
    expect(await failure(write('empty.xml', ''))).toMatch(/^empty\.xml is not well-formed XML: /);
    expect(await failure(write('two.xml', '<updates/><updates/>'))).toMatch(/only one root/);
    expect(await failure(write('rss.xml', '<rss><channel/></rss>'))).toBe(
      'rss.xml: the root element is <rss>, not <updates> (line 1)'
    );
  });

  it('refuses a single token over the cap without holding more of it', async () => {
    const text = `<updates>${update('ALAS2-2024-1', `<description>${'a'.repeat(maxTokenChars + 10)}</description>`)}</updates>`;

    expect(await failure(write('long-token.xml', text))).toMatch(
      new RegExp(
        `^long-token\\.xml: a single piece of text, .* runs over ${maxTokenChars} characters`
      )
    );
  });

  it('refuses deep nesting and a tag with too many attributes', async () => {
    const deep = `<updates>${'<x>'.repeat(maxDepth)}${'</x>'.repeat(maxDepth)}</updates>`;
    expect(await failure(write('deep.xml', deep))).toMatch(/nest deeper than 32 levels/);

    const attributes = Array.from({ length: 100 }, (_, i) => `a${i}="1"`).join(' ');
    expect(await failure(write('attributes.xml', `<updates ${attributes}/>`))).toMatch(
      /more than 64 attributes/
    );
  });

  it('refuses a document with more updates than the cap', async () => {
    const text = `<updates>${'<update/>'.repeat(maxUpdates + 1)}</updates>`;

    expect(await failure(write('many.xml', text))).toMatch(/more than 200000 updates/);
  });

  it('turns an update over a cap into one error item and reads on', async () => {
    // Each CDATA section is under the token cap; together they are over the text cap.
    const half = `<![CDATA[${'b'.repeat(Math.ceil(maxTextChars / 2) + 1)}]]>`;
    const packages = '<package arch="x86_64" name="p" version="1" release="1"/>'.repeat(
      maxPackages + 1
    );
    const text = [
      '<updates>',
      update('ALAS2-2024-1', `<description>${half}${half}</description>`),
      `<update status="final" type="security"><id>ALAS2-2024-2</id><pkglist><collection>${packages}</collection></pkglist></update>`,
      update(
        'ALAS2-2024-3',
        `<references><reference href="https://x/${'c'.repeat(maxAttributeChars)}" type="cve"/></references>`
      ),
      update('ALAS2-2024-4'),
      '</updates>',
    ].join('');

    const outcome = await run(write('capped.xml', text));

    expect(outcome.error).toBeUndefined();
    expect(
      outcome.items.map((item) =>
        item.kind === 'error' ? `${item.origin}: ${item.message}` : item.origin
      )
    ).toEqual([
      `capped.xml:ALAS2-2024-1: its <description> is over the ${maxTextChars}-character cap`,
      `capped.xml:ALAS2-2024-2: lists more than ${maxPackages} packages`,
      `capped.xml:ALAS2-2024-3: the href of a <reference> is over the ${maxAttributeChars}-character cap`,
      'capped.xml:ALAS2-2024-4',
    ]);
  });
});

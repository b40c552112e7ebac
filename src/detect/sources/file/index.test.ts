import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../../../test/harness/audit-events.js';
import { NotFoundError, UsageError } from '../../../core/errors.js';
import type { AuditEvent } from '../../audit/event.js';
import type { EventSink, RawEvent, SourceProblem } from '../../source/types.js';
import { defaultMaxDecompressedBytes, fileSource, type FileSourceOptions } from './index.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-file-source-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

class Recorder implements EventSink {
  readonly events: RawEvent[] = [];
  readonly problems: SourceProblem[] = [];
  event(raw: RawEvent): void {
    this.events.push(raw);
  }
  problem(problem: SourceProblem): void {
    this.problems.push(problem);
  }
  ids(): string[] {
    return this.events.map((raw) => (JSON.parse(raw.text) as AuditEvent).auditID);
  }
}

async function read(options: FileSourceOptions, sink = new Recorder()) {
  const summary = await fileSource.run(options, sink, new AbortController().signal);
  return { sink, summary };
}

function line(auditID: string): string {
  return JSON.stringify(auditEvent({ auditID }));
}

function subscription(logStream: string, auditIDs: string[]): string {
  return JSON.stringify({
    messageType: 'DATA_MESSAGE',
    owner: '111122223333',
    logGroup: '/aws/eks/prod-eu/cluster',
    logStream,
    subscriptionFilters: ['palisade-audit'],
    logEvents: auditIDs.map((auditID, index) => ({
      id: `3720${index}`,
      timestamp: 1793610000000 + index,
      message: line(auditID),
    })),
  });
}

describe('file source', () => {
  it('reads JSON lines, with path:line origins and the default cluster', async () => {
    const path = join(dir, 'audit.log');
    await writeFile(path, `${line('l1')}\n${line('l2')}\n`);
    const { sink, summary } = await read({ paths: [path], cluster: 'lab' });
    expect(sink.ids()).toEqual(['l1', 'l2']);
    expect(sink.events.map((raw) => [raw.origin, raw.cluster])).toEqual([
      [`${path}:1`, 'lab'],
      [`${path}:2`, 'lab'],
    ]);
    expect(summary).toMatchObject({ events: 2, problems: 0, files: 1 });
  });

  it('reads a Firehose object: gzip members of subscription payloads, cluster from the log group', async () => {
    const path = join(dir, 'firehose-object');
    await writeFile(
      path,
      Buffer.concat([
        gzipSync(subscription('kube-apiserver-audit-7f1e', ['f1', 'f2'])),
        gzipSync(subscription('authenticator-7f1e', ['nope'])),
        gzipSync(
          JSON.stringify({
            messageType: 'CONTROL_MESSAGE',
            owner: 'CloudwatchLogs',
            logGroup: '',
            logStream: '',
            subscriptionFilters: [],
            logEvents: [{ id: '', timestamp: 1, message: 'CWL CONTROL MESSAGE: Checking health' }],
          })
        ),
        gzipSync(subscription('kube-apiserver-audit-7f1e', ['f3'])),
      ])
    );
    const { sink, summary } = await read({ paths: [path], cluster: 'ignored' });
    expect(sink.ids()).toEqual(['f1', 'f2', 'f3']);
    expect(sink.events.map((raw) => [raw.origin, raw.cluster])).toEqual([
      [`${path}#item 1`, 'prod-eu'],
      [`${path}#item 2`, 'prod-eu'],
      [`${path}#item 5`, 'prod-eu'],
    ]);
    expect(sink.problems).toEqual([]);
    expect(summary).toMatchObject({
      events: 3,
      controlMessages: 1,
      otherStreamEvents: 1,
      documents: { subscription: 4 },
    });
  });

  it('reads every regular file under a directory, sorted, and skips symbolic links', async () => {
    const tree = join(dir, 'tree');
    await mkdir(join(tree, 'b'), { recursive: true });
    await writeFile(join(tree, 'c.log'), `${line('c')}\n`);
    await writeFile(join(tree, 'a.log'), `${line('a')}\n`);
    await writeFile(
      join(tree, 'b', 'x.json'),
      JSON.stringify({
        kind: 'EventList',
        apiVersion: 'audit.k8s.io/v1',
        items: [auditEvent({ auditID: 'b' })],
      })
    );
    await symlink(join(tree, 'a.log'), join(tree, 'link.log'));
    const { sink } = await read({ paths: [tree] });
    expect(sink.ids()).toEqual(['a', 'b', 'c']);
    expect(sink.events.map((raw) => raw.origin)).toEqual([
      `${join(tree, 'a.log')}:1`,
      `${join(tree, 'b', 'x.json')}#item 1`,
      `${join(tree, 'c.log')}:1`,
    ]);
    expect(sink.problems).toEqual([
      {
        reason: 'unreadable',
        origin: join(tree, 'link.log'),
        detail: 'a symbolic link inside a directory is not followed',
      },
    ]);
  });

  it('follows a symbolic link named on the command line', async () => {
    const target = join(dir, 'target.log');
    await writeFile(target, `${line('t')}\n`);
    await symlink(target, join(dir, 'named-link.log'));
    const { sink } = await read({ paths: [join(dir, 'named-link.log')] });
    expect(sink.ids()).toEqual(['t']);
  });

  it('refuses a missing path before reading anything', async () => {
    const present = join(dir, 'present.log');
    await writeFile(present, `${line('p')}\n`);
    const sink = new Recorder();
    const missing = join(dir, 'missing.log');
    const run = fileSource.run({ paths: [present, missing] }, sink, new AbortController().signal);
    await expect(run).rejects.toThrow(NotFoundError);
    await expect(run).rejects.toThrow(`no such file or directory: ${missing}`);
    expect(sink.events).toEqual([]);
  });

  it('refuses no paths and standard input named twice', async () => {
    await expect(read({ paths: [] })).rejects.toThrow(UsageError);
    await expect(read({ paths: ['-', '-'] })).rejects.toThrow(
      'standard input (-) is named more than once'
    );
  });

  it('reads standard input for -, gzip or not', async () => {
    const plain = await read({ paths: ['-'], stdin: Readable.from([`${line('s1')}\n`]) });
    expect(plain.sink.ids()).toEqual(['s1']);
    expect(plain.sink.events[0]?.origin).toBe('stdin:1');
    const zipped = await read({
      paths: ['-'],
      stdin: Readable.from([gzipSync(`${line('s2')}\n`)]),
    });
    expect(zipped.sink.ids()).toEqual(['s2']);
  });

  it('reports problems with their file and line, and reads on', async () => {
    const path = join(dir, 'mixed.log');
    await writeFile(path, `${line('m1')}\nnot json\n${line('m2')}\n${line('m3').slice(0, 40)}`);
    const { sink, summary } = await read({ paths: [path] });
    expect(sink.ids()).toEqual(['m1', 'm2']);
    expect(sink.problems).toEqual([
      {
        reason: 'not-json',
        origin: `${path}:2`,
        detail: 'expected a JSON object or array; the line is skipped',
      },
      {
        reason: 'truncated-json',
        origin: `${path}:4`,
        detail: 'the input ends inside a JSON value',
      },
    ]);
    expect(summary).toMatchObject({ events: 2, problems: 2 });
  });

  it('reports corrupt gzip data as unreadable and goes on to the next file', async () => {
    const corrupt = join(dir, 'corrupt.gz');
    const gz = gzipSync(`${line('z1')}\n${line('z2')}\n`);
    await writeFile(corrupt, gz.subarray(0, gz.length - 30));
    const next = join(dir, 'next.log');
    await writeFile(next, `${line('n1')}\n`);
    const { sink } = await read({ paths: [corrupt, next] });
    expect(sink.ids().at(-1)).toBe('n1');
    expect(sink.problems).toEqual([
      { reason: 'unreadable', origin: corrupt, detail: 'the gzip data is corrupt (Z_BUF_ERROR)' },
    ]);
  });

  it('stops a gzip bomb at 1 GiB, names the file and reads the others', async () => {
    expect(defaultMaxDecompressedBytes).toBe(1024 ** 3);
    const bomb = join(dir, 'bomb.gz');
    // A subscription payload whose message never ends: 32 gzip members of 64 MiB of "A" each,
    // 2 GiB in all, written compressed a member at a time.
    const member = await gzipStream(64, 'A');
    const out = createWriteStream(bomb);
    out.write(
      gzipSync(
        '{"messageType":"DATA_MESSAGE","logGroup":"/aws/eks/prod/cluster","logStream":"kube-apiserver-audit-1","logEvents":[{"id":"1","timestamp":1,"message":"'
      )
    );
    for (let i = 0; i < 32; i++) {
      if (!out.write(member)) {
        await once(out, 'drain');
      }
    }
    out.end();
    await once(out, 'finish');
    const after = join(dir, 'after-bomb.log');
    const afterText = `${line('after')}\n`;
    await writeFile(after, afterText);
    const { sink, summary } = await read({ paths: [bomb, after] });
    expect(sink.problems).toEqual([
      {
        reason: 'gzip-bomb',
        origin: bomb,
        detail: `the gzip data decompresses to more than ${1024 ** 3} bytes; the rest is skipped`,
      },
    ]);
    expect(sink.ids()).toEqual(['after']);
    // Nothing past the cap was framed.
    expect(summary.bytes - Buffer.byteLength(afterText)).toBeLessThanOrEqual(1024 ** 3);
  });

  it('waits for a busy sink before reading on', async () => {
    const path = join(dir, 'many.log');
    await writeFile(path, Array.from({ length: 50 }, (_, i) => line(`b${i}`)).join('\n'));
    let busy = 0;
    let overlapped = false;
    const seen: string[] = [];
    const sink: EventSink = {
      async event(raw) {
        if (busy > 0) {
          overlapped = true;
        }
        busy++;
        await new Promise((resolve) => setImmediate(resolve));
        seen.push((JSON.parse(raw.text) as AuditEvent).auditID);
        busy--;
      },
      problem() {},
    };
    const summary = await fileSource.run({ paths: [path] }, sink, new AbortController().signal);
    expect(overlapped).toBe(false);
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => `b${i}`));
    expect(summary.events).toBe(50);
  });

  it('stops reading when aborted', async () => {
    const first = join(dir, 'first.log');
    const second = join(dir, 'second.log');
    await writeFile(first, `${line('x1')}\n${line('x2')}\n`);
    await writeFile(second, `${line('y1')}\n`);
    const controller = new AbortController();
    const sink = new Recorder();
    const original = sink.event.bind(sink);
    sink.event = (raw) => {
      original(raw);
      controller.abort();
    };
    const summary = await fileSource.run({ paths: [first, second] }, sink, controller.signal);
    expect(sink.ids()).toEqual(['x1', 'x2']);
    expect(summary.files).toBe(1);
  });
});

/** One gzip member of `mebibytes` MiB of `fill`, compressed as it streams. */
async function gzipStream(mebibytes: number, fill: string): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => parts.push(chunk));
  const block = Buffer.alloc(1024 * 1024, fill);
  for (let i = 0; i < mebibytes; i++) {
    if (!gzip.write(block)) {
      await once(gzip, 'drain');
    }
  }
  gzip.end();
  await once(gzip, 'end');
  return Buffer.concat(parts);
}

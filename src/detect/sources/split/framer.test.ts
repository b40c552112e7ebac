import { describe, expect, it } from 'vitest';
import { auditEvent, createEvent, podObject } from '../../../../test/harness/audit-events.js';
import type { AuditEvent } from '../../audit/event.js';
import { Framer } from './framer.js';
import { maxNestingDepth } from './scanner.js';
import type { Framed, FramerOptions, FramingStats } from './types.js';

interface Result {
  items: Framed[];
  stats: FramingStats;
}

/** Frames `input` in chunks of `chunkSize` bytes (whole when 0). */
function frame(input: string | Buffer, options: FramerOptions = {}, chunkSize = 0): Result {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const framer = new Framer(options);
  const items: Framed[] = [];
  const step = chunkSize > 0 ? chunkSize : Math.max(bytes.length, 1);
  for (let offset = 0; offset < bytes.length; offset += step) {
    items.push(...framer.push(bytes.subarray(offset, offset + step)));
  }
  items.push(...framer.end());
  return { items, stats: framer.stats };
}

function texts(result: Result): string[] {
  return result.items.flatMap((item) => (item.type === 'event' ? [item.text] : []));
}

function problems(result: Result): Omit<Extract<Framed, { type: 'problem' }>, 'type'>[] {
  return result.items.flatMap((item) =>
    item.type === 'problem'
      ? [{ reason: item.reason, detail: item.detail, line: item.line, item: item.item }]
      : []
  );
}

function ids(result: Result): string[] {
  return texts(result).map((text) => (JSON.parse(text) as AuditEvent).auditID);
}

const events = [
  auditEvent({ auditID: 'a1' }),
  createEvent('pods', podObject('web', 'shop'), { auditID: 'a2' }),
  auditEvent({ auditID: 'a3', userAgent: 'kubectl "quoted" \\ back\u00e9 \u2603' }),
];
const lines = events.map((event) => JSON.stringify(event));
const jsonLines = `${lines.join('\n')}\n`;

/** The event without kind and apiVersion, as an EventList item from the API server. */
function untyped(event: AuditEvent): Record<string, unknown> {
  const item: Record<string, unknown> = { ...event };
  delete item['kind'];
  delete item['apiVersion'];
  return item;
}

/** An EventList as the API server's webhook sends it: items without kind and apiVersion. */
function webhookList(list: readonly AuditEvent[]): string {
  const items = list.map((event) => untyped(event));
  return JSON.stringify({
    kind: 'EventList',
    apiVersion: 'audit.k8s.io/v1',
    metadata: {},
    items,
  });
}

function subscription(
  logStream: string,
  list: readonly AuditEvent[],
  messageType = 'DATA_MESSAGE'
): string {
  return JSON.stringify({
    messageType,
    owner: '111122223333',
    logGroup: '/aws/eks/prod-eu/cluster',
    logStream,
    subscriptionFilters: ['palisade'],
    logEvents: list.map((event, index) => ({
      id: `3720${index}`,
      timestamp: 1793610000000 + index,
      message: JSON.stringify(event),
    })),
  });
}

describe('Framer shapes', () => {
  it('hands on each JSON line as it is, with its line number', () => {
    const result = frame(jsonLines);
    expect(texts(result)).toEqual(lines);
    expect(result.items.map((item) => [item.line, item.item])).toEqual([
      [1, undefined],
      [2, undefined],
      [3, undefined],
    ]);
    expect(result.stats.documents.event).toBe(3);
  });

  it('reads objects back to back, with and without whitespace, and pretty-printed ones', () => {
    const pretty = JSON.stringify(events[1], null, 2);
    const input = `${lines[0] ?? ''}${lines[2] ?? ''}  \r\n\t${pretty}${lines[0] ?? ''}`;
    const result = frame(input);
    expect(texts(result)).toEqual([lines[0], lines[2], pretty, lines[0]]);
    expect(problems(result)).toEqual([]);
    expect(result.items.map((item) => item.line)).toEqual([
      1,
      1,
      2,
      2 + pretty.split('\n').length - 1,
    ]);
  });

  it('gives the items of a webhook EventList the list kind and apiVersion, one by one', () => {
    const result = frame(webhookList(events));
    expect(texts(result).map((text) => JSON.parse(text) as unknown)).toEqual(events);
    expect(
      texts(result)[0]?.startsWith('{"kind":"Event","apiVersion":"audit.k8s.io/v1","level"')
    ).toBe(true);
    expect(result.items.map((item) => item.item)).toEqual([1, 2, 3]);
    expect(result.stats.documents['event-list']).toBe(1);
  });

  it('leaves EventList items that carry their own kind as they are, and empty objects alone', () => {
    const list = JSON.stringify({
      kind: 'EventList',
      apiVersion: 'audit.k8s.io/v1',
      items: [events[0], {}, { level: 'Metadata', kind: 'Pod' }],
    });
    const result = frame(list);
    expect(texts(result)[0]).toBe(lines[0]);
    expect(texts(result)[1]).toBe('{}');
    // The item's own kind comes later and wins when parsed.
    expect(JSON.parse(texts(result)[2] ?? '')).toEqual({
      kind: 'Pod',
      apiVersion: 'audit.k8s.io/v1',
      level: 'Metadata',
    });
  });

  it('does not type the items of a list that is not an audit EventList', () => {
    const list = JSON.stringify({ kind: 'EventList', apiVersion: 'v1', items: [{ reason: 'x' }] });
    const result = frame(list);
    expect(texts(result)).toEqual(['{"reason":"x"}']);
    expect(result.stats.documents).toMatchObject({ 'event-list': 0, list: 1 });
  });

  it('reads a JSON array of events', () => {
    const result = frame(JSON.stringify(events, null, 1));
    expect(texts(result).map((text) => JSON.parse(text) as unknown)).toEqual(events);
    expect(result.items.map((item) => item.item)).toEqual([1, 2, 3]);
    expect(result.stats.documents.array).toBe(1);
  });

  it('reports list items that are not objects and goes on', () => {
    const result = frame(`[${lines[0] ?? ''}, 42, "x", [1], null, ${lines[1] ?? ''}]`);
    expect(texts(result)).toEqual([lines[0], lines[1]]);
    expect(problems(result)).toEqual(
      [2, 3, 4, 5].map((item) => ({
        reason: 'not-audit-log',
        detail: 'the list item is not a JSON object',
        line: 1,
        item,
      }))
    );
  });

  it('unescapes the messages of `aws logs filter-log-events` output, skipping other streams', () => {
    const exported = JSON.stringify({
      events: [
        {
          logStreamName: 'kube-apiserver-audit-0123456789abcdef',
          timestamp: 1793610000000,
          message: lines[0],
          ingestionTime: 1793610003000,
          eventId: '37201',
        },
        {
          logStreamName: 'authenticator-0123456789abcdef',
          timestamp: 1793610000001,
          message: 'time="2026-11-02T09:00:00Z" level=info msg="access granted"',
          ingestionTime: 1793610003001,
          eventId: '37202',
        },
        { timestamp: 1793610000002, message: lines[2], eventId: '37203' },
      ],
      searchedLogStreams: [
        { logStreamName: 'kube-apiserver-audit-0123', searchedCompletely: true },
      ],
      nextToken: 'Bxkq6kVGFtq2y_MoigeqscPOdhXVbhiVtLoAmXb5jCrI7f',
    });
    const result = frame(exported);
    expect(texts(result)).toEqual([lines[0], lines[2]]);
    expect(result.items.map((item) => [item.item, (item as { cluster?: string }).cluster])).toEqual(
      [
        [1, undefined],
        [3, undefined],
      ]
    );
    expect(result.stats).toMatchObject({ otherStreamEvents: 1, documents: { 'log-events': 1 } });
  });

  it('reports a log event without a message string', () => {
    const result = frame('{"events":[{"timestamp":1,"message":42},{"timestamp":2}]}');
    expect(problems(result)).toEqual([
      { reason: 'not-audit-log', detail: 'the log event has no message string', line: 1, item: 1 },
      { reason: 'not-audit-log', detail: 'the log event has no message string', line: 1, item: 2 },
    ]);
  });

  it('reads concatenated subscription payloads, naming the cluster from the log group', () => {
    const input =
      subscription('kube-apiserver-audit-7f1e', [events[0]!, events[1]!]) +
      subscription('', [], 'CONTROL_MESSAGE').replace(
        '"logEvents":[]',
        '"logEvents":[{"id":"","timestamp":1793610000000,"message":"CWL CONTROL MESSAGE: Checking health of destination Firehose."}]'
      ) +
      subscription('authenticator-7f1e', [events[2]!]) +
      subscription('kube-apiserver-audit-7f1e', [events[2]!]);
    const result = frame(input);
    expect(texts(result)).toEqual([lines[0], lines[1], lines[2]]);
    expect(result.items.map((item) => (item as { cluster?: string }).cluster)).toEqual([
      'prod-eu',
      'prod-eu',
      'prod-eu',
    ]);
    expect(problems(result)).toEqual([]);
    expect(result.stats).toMatchObject({
      controlMessages: 1,
      otherStreamEvents: 1,
      documents: { subscription: 4 },
    });
  });

  it('gives no cluster for a log group that is not an EKS cluster group', () => {
    const input = subscription('kube-apiserver-audit-1', [events[0]!]).replace(
      '/aws/eks/prod-eu/cluster',
      '/custom/audit'
    );
    const result = frame(input);
    expect(texts(result)).toEqual([lines[0]]);
    expect((result.items[0] as { cluster?: string }).cluster).toBeUndefined();
  });

  it('reads messages the same when the layout defeats the quick end search', () => {
    const payload = JSON.parse(subscription('kube-apiserver-audit-1', events)) as unknown;
    const pretty = frame(JSON.stringify(payload, null, 2));
    expect(texts(pretty)).toEqual(lines);
    // The first message is not the last member, and the search finds the end of its log event.
    const tricky = JSON.stringify({ b: '"},{"id":"' });
    const reordered =
      '{"messageType":"DATA_MESSAGE","logStream":"kube-apiserver-audit-1","logEvents":[' +
      `{"message":${JSON.stringify('{"a":1}')},"id":"1"},` +
      `{"id":"2","timestamp":2,"message":${JSON.stringify(tricky)}},` +
      '{"id":"3","message":"{}"}]}';
    expect(texts(frame(reordered))).toEqual(['{"a":1}', tricky, '{}']);
  });

  it('reports a message that is not a valid JSON string literal', () => {
    const result = frame('{"logEvents":[{"id":"1","message":"bad \\x escape"}]}');
    expect(problems(result)).toEqual([
      {
        reason: 'not-json',
        detail: 'the log event message is not a valid JSON string',
        line: 1,
        item: 1,
      },
    ]);
  });
});

describe('Framer across chunk boundaries', () => {
  const inputs: [string, string][] = [
    ['JSON lines', `${jsonLines}hello\n${lines[0] ?? ''}`],
    ['an EventList', webhookList(events)],
    ['a subscription payload', subscription('kube-apiserver-audit-1', events)],
    ['a pretty array', JSON.stringify(events, null, 2)],
  ];
  for (const [name, input] of inputs) {
    it(`frames ${name} the same at every split point`, () => {
      const whole = frame(input);
      expect(whole.items.length).toBeGreaterThan(0);
      for (const size of [1, 2, 3, 7, 16, 61, 1000]) {
        expect(frame(input, {}, size).items).toEqual(whole.items);
      }
    });
  }
});

describe('Framer on bad input', () => {
  it('reports a garbage line and reads the lines after it', () => {
    const input = `${lines[0] ?? ''}\nthis is not JSON {\n${lines[1] ?? ''}\n${lines[2] ?? ''}\n`;
    const result = frame(input);
    expect(texts(result)).toEqual([lines[0], lines[1], lines[2]]);
    expect(problems(result)).toEqual([
      {
        reason: 'not-json',
        detail: 'expected a JSON object or array; the line is skipped',
        line: 2,
        item: undefined,
      },
    ]);
  });

  it('counts a run of garbage lines once, and garbage after a good line again', () => {
    const input = `x\ny\nz\n${lines[0] ?? ''}\n]\n`;
    const result = frame(input);
    expect(texts(result)).toEqual([lines[0]]);
    expect(problems(result).map((problem) => [problem.reason, problem.line])).toEqual([
      ['not-json', 1],
      ['not-json', 5],
    ]);
  });

  it('reports a value truncated at the end of the input', () => {
    const cut = (lines[1] ?? '').slice(0, 200);
    const result = frame(`${lines[0] ?? ''}\n${cut}`);
    expect(texts(result)).toEqual([lines[0]]);
    expect(problems(result)).toEqual([
      {
        reason: 'truncated-json',
        detail: 'the input ends inside a JSON value',
        line: 2,
        item: undefined,
      },
    ]);
  });

  it('reports an EventList truncated mid-item at that item, after the items before it', () => {
    const list = webhookList(events);
    const result = frame(list.slice(0, list.length - 40));
    expect(texts(result)).toHaveLength(2);
    expect(problems(result)).toEqual([
      { reason: 'truncated-json', detail: 'the input ends inside a JSON value', line: 1, item: 3 },
    ]);
  });

  it('reports a line cut inside a string and reads the next line', () => {
    const cut = (lines[1] ?? '').slice(0, 150);
    expect(cut.endsWith('"')).toBe(false);
    const result = frame(`${cut}\n${lines[2] ?? ''}\n`);
    expect(texts(result)).toEqual([lines[2]]);
    expect(problems(result)).toEqual([
      {
        reason: 'truncated-json',
        detail: 'the line ends inside a JSON string',
        line: 1,
        item: undefined,
      },
    ]);
  });

  it('reports a line cut between members (a crash mid-write) and reads the next line whole', () => {
    const line = lines[1] ?? '';
    for (const cutAfter of ['{"kind":"Event",', '"level":', '"sourceIPs":[']) {
      const cut = line.slice(0, line.indexOf(cutAfter) + cutAfter.length);
      const result = frame(`${lines[0] ?? ''}\n${cut}\n${lines[2] ?? ''}\n${lines[0] ?? ''}\n`);
      expect(ids(result)).toEqual(['a1', 'a3', 'a1']);
      expect(problems(result)).toEqual([
        {
          reason: 'truncated-json',
          detail: 'the line ends before its JSON value does',
          line: 2,
          item: undefined,
        },
      ]);
    }
  });

  it('reports an event over the cap, without keeping it, and reads the rest', () => {
    const huge = JSON.stringify(
      auditEvent({ auditID: 'big', requestObject: { data: 'x'.repeat(300_000) } })
    );
    const input = `${lines[0] ?? ''}\n${huge}\n${lines[2] ?? ''}\n`;
    const chunk = 16 * 1024;
    const result = frame(input, { maxEventBytes: 100_000 }, chunk);
    expect(ids(result)).toEqual(['a1', 'a3']);
    expect(problems(result)).toEqual([
      {
        reason: 'too-large',
        detail: `the event is ${Buffer.byteLength(huge)} bytes, over the 100000-byte cap`,
        line: 2,
        item: undefined,
      },
    ]);
    expect(result.stats.peakBufferedBytes).toBeLessThanOrEqual(100_000);
  });

  it('reports an oversize EventList item at its place and keeps the others', () => {
    const big = auditEvent({ auditID: 'big', requestObject: { data: 'y'.repeat(5000) } });
    const result = frame(webhookList([events[0]!, big, events[2]!]), { maxEventBytes: 4096 }, 1024);
    expect(ids(result)).toEqual(['a1', 'a3']);
    expect(problems(result)).toMatchObject([{ reason: 'too-large', line: 1, item: 2 }]);
  });

  it('survives nesting far deeper than the cap without recursion, then reads on', () => {
    const deep = '['.repeat(1_000_000);
    const result = frame(`${deep}\n${lines[0] ?? ''}\n`, {}, 64 * 1024);
    expect(texts(result)).toEqual([lines[0]]);
    expect(problems(result)).toEqual([
      { reason: 'not-audit-log', detail: 'the list item is not a JSON object', line: 1, item: 1 },
      {
        reason: 'not-json',
        detail: `JSON nested more than ${maxNestingDepth} levels deep`,
        line: 1,
        item: undefined,
      },
    ]);
  });

  it('keeps nesting up to the cap inside an event', () => {
    const nested = `{"kind":"Event","a":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(texts(frame(nested))).toEqual([nested]);
  });

  it('skips a byte order mark at the start', () => {
    const result = frame(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(jsonLines)]));
    expect(texts(result)).toEqual(lines);
    expect(problems(result)).toEqual([]);
  });

  it('reports a scalar at the top level', () => {
    const result = frame(`42\n"text"\n${lines[0] ?? ''}\n`);
    expect(texts(result)).toEqual([lines[0]]);
    expect(problems(result)).toMatchObject([{ reason: 'not-json', line: 1 }]);
  });

  it('hands on a line that starts like an event but holds two values whole, for the parser to refuse', () => {
    // Not on the fast path: "}{" sends it through the full pass, which splits it.
    const two = `${lines[0] ?? ''}${lines[2] ?? ''}`;
    expect(texts(frame(`${two}\n`))).toEqual([lines[0], lines[2]]);
  });
});

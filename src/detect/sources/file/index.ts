import { createReadStream } from 'node:fs';
import type { EventSink, EventSource, SourceProblem, SourceSummary } from '../../source/types.js';
import { decode, Framer, type DocumentShape, type Framed } from '../split/index.js';
import { listInputs, type Input } from './inputs.js';

/** Past this, a gzip input is a bomb: a Firehose object or a day of audit log is far smaller. */
export const defaultMaxDecompressedBytes = 1024 * 1024 * 1024;

export interface FileSourceOptions {
  /** Files and directories; `-` is standard input. */
  paths: readonly string[];
  /** Larger events are `too-large` problems; default 2 MiB. */
  maxEventBytes?: number;
  /** Per gzip file; past it the file is a `gzip-bomb` and stops. Default 1 GiB. */
  maxDecompressedBytes?: number;
  /** The cluster of events whose input does not name one (only a CloudWatch log group does). */
  cluster?: string;
  /** Read for `-`; default `process.stdin`. */
  stdin?: NodeJS.ReadableStream;
}

export interface FileSourceSummary extends SourceSummary {
  /** Inputs read (standard input counts as one). */
  files: number;
  /** Bytes framed, after decompression. */
  bytes: number;
  /** Top-level values read, by shape. */
  documents: Record<DocumentShape, number>;
  /** CloudWatch subscription payloads of type CONTROL_MESSAGE, skipped. */
  controlMessages: number;
  /** CloudWatch log events of streams other than `kube-apiserver-audit-*`, skipped. */
  otherStreamEvents: number;
}

export interface FileSource extends EventSource<FileSourceOptions> {
  run(options: FileSourceOptions, sink: EventSink, signal: AbortSignal): Promise<FileSourceSummary>;
}

const readChunkBytes = 1024 * 1024;

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : 'unknown error';
}

/** Why reading stopped, without the message (a zlib or fs message may quote a path only). */
function unreadable(error: unknown): string {
  const code = errorCode(error);
  return code.startsWith('Z_') ? `the gzip data is corrupt (${code})` : `cannot read (${code})`;
}

class FileReader {
  readonly summary: FileSourceSummary = {
    events: 0,
    problems: 0,
    files: 0,
    bytes: 0,
    documents: { event: 0, 'event-list': 0, list: 0, array: 0, 'log-events': 0, subscription: 0 },
    controlMessages: 0,
    otherStreamEvents: 0,
  };

  constructor(
    private readonly options: FileSourceOptions,
    private readonly sink: EventSink,
    private readonly signal: AbortSignal
  ) {}

  readonly report = (problem: SourceProblem): void => {
    this.summary.problems++;
    this.sink.problem(problem);
  };

  async read(input: Input): Promise<void> {
    const stream: AsyncIterable<Buffer | string> =
      input.path === undefined
        ? (this.options.stdin ?? process.stdin)
        : // Large reads: fewer trips to the thread pool, and fewer lines split between chunks.
          createReadStream(input.path, { highWaterMark: readChunkBytes });
    const framer = new Framer(
      this.options.maxEventBytes !== undefined ? { maxEventBytes: this.options.maxEventBytes } : {}
    );
    let stopped = false;
    const chunks = decode(stream, {
      maxDecompressedBytes: this.options.maxDecompressedBytes ?? defaultMaxDecompressedBytes,
      exceeded: (detail) => {
        stopped = true;
        this.report({ reason: 'gzip-bomb', origin: input.name, detail });
      },
    });
    this.summary.files++;
    try {
      for await (const chunk of chunks) {
        this.summary.bytes += chunk.length;
        await this.deliver(framer.push(chunk), input.name);
        if (this.signal.aborted) {
          stopped = true;
          break;
        }
      }
    } catch (error) {
      stopped = true;
      this.report({ reason: 'unreadable', origin: input.name, detail: unreadable(error) });
    }
    if (!stopped) {
      await this.deliver(framer.end(), input.name);
    }
    const stats = framer.stats;
    for (const [shape, count] of Object.entries(stats.documents) as [DocumentShape, number][]) {
      this.summary.documents[shape] += count;
    }
    this.summary.controlMessages += stats.controlMessages;
    this.summary.otherStreamEvents += stats.otherStreamEvents;
  }

  private async deliver(items: readonly Framed[], name: string): Promise<void> {
    for (const item of items) {
      const origin = item.item === undefined ? `${name}:${item.line}` : `${name}#item ${item.item}`;
      if (item.type === 'problem') {
        this.report({ reason: item.reason, origin, detail: item.detail });
        continue;
      }
      this.summary.events++;
      const pending = this.sink.event({
        text: item.text,
        origin,
        cluster: item.cluster ?? this.options.cluster,
      });
      if (pending !== undefined) {
        await pending;
      }
    }
  }
}

/**
 * Audit logs from files, directories and standard input, read as streams: JSON lines, an
 * EventList, a JSON array, `aws logs filter-log-events` output and CloudWatch Logs
 * subscription payloads (the gzip'd objects Firehose writes to S3). See readme.md.
 */
export const fileSource: FileSource = {
  name: 'file',
  description:
    'audit log files and directories: JSON lines, EventList, CloudWatch Logs exports and subscription payloads, gzip or plain',
  async run(options, sink, signal) {
    const reader = new FileReader(options, sink, signal);
    const inputs = await listInputs(options.paths, reader.report);
    for (const input of inputs) {
      if (signal.aborted) {
        break;
      }
      await reader.read(input);
    }
    return reader.summary;
  },
};

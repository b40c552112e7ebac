import { UsageError } from '../core/errors.js';
import type { CliContext } from './commands/scan-image.js';

/** `host:port`, `[::1]:port`, as `--listen` takes it. */
export function parseListen(text: string): { host: string; port: number } {
  const match = /^(.+):([0-9]{1,5})$/.exec(text);
  const port = Number(match?.[2]);
  if (match?.[1] === undefined || port > 65535) {
    throw new UsageError(`--listen must be host:port; got ${JSON.stringify(text)}`);
  }
  return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port };
}

/** The context's signal (tests), or one SIGINT/SIGTERM abort. */
export function stopSignal(context: CliContext): AbortSignal {
  if (context.stop !== undefined) {
    return context.stop;
  }
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  return controller.signal;
}

/** Resolves when the signal aborts. */
export function stopped(signal: AbortSignal): Promise<void> {
  return signal.aborted
    ? Promise.resolve()
    : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

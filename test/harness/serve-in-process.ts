import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

/** `palisade serve` started through the CLI's `main` in this process, on a real HTTP port. */
export interface ServingPlatform {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Everything written to standard error so far. */
  said: () => string;
  /** Stops it as SIGTERM would, and resolves with the exit code. */
  stop: () => Promise<number>;
}

/** Starts `palisade serve --listen 127.0.0.1:0 ...args` and waits until it listens. */
export async function serveInProcess(
  args: string[],
  env: Record<string, string> = {}
): Promise<ServingPlatform> {
  const stderr = new PassThrough();
  let said = '';
  const listening = new Promise<string>((resolve, reject) => {
    stderr.on('data', (chunk: Buffer) => {
      said += chunk.toString('utf8');
      const found = /listening on (\S+)/.exec(said);
      if (found?.[1]) {
        resolve(found[1]);
      }
    });
    setTimeout(() => reject(new Error(`serve did not start: ${said}`)), 30_000).unref();
  });
  const stopper = new AbortController();
  const done = main(['serve', '--listen', '127.0.0.1:0', ...args], {
    env: { HOME: '/nonexistent', ...env },
    stdin: new PassThrough(),
    stdout: new PassThrough() as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    stop: stopper.signal,
  });
  const url = await Promise.race([
    listening,
    done.then((code) => {
      throw new Error(`serve exited ${code}: ${said}`);
    }),
  ]);
  return {
    url,
    said: () => said,
    stop: () => {
      stopper.abort();
      return done;
    },
  };
}

/** Polls `read` every 100 ms until it gives a value, for up to `seconds`. */
export async function eventually<T>(
  read: () => Promise<T | undefined>,
  what: string,
  seconds = 60
): Promise<T> {
  for (let attempt = 0; attempt < seconds * 10; attempt++) {
    const value = await read();
    if (value !== undefined) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

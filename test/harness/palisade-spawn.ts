import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = join(root, 'test', 'harness', 'palisade-process.ts');
const viteNode = join(
  dirname(dirname(createRequire(import.meta.url).resolve('vite-node'))),
  'vite-node.mjs'
);

/** `palisade ARGS` running as its own process from the sources. */
export interface PalisadeProcess {
  child: ChildProcess;
  /** Standard error, line by line, so far. */
  said: string[];
  /** The first stderr line matching `pattern`, waiting for it; rejects if the process exits. */
  line(pattern: RegExp): Promise<RegExpMatchArray>;
}

/**
 * Starts `palisade ARGS` (through vite-node, so no build is needed) with `env` over this
 * process's environment, standard error piped for `line`.
 */
export function spawnPalisade(args: string[], env: Record<string, string> = {}): PalisadeProcess {
  const child = spawn(process.execPath, [viteNode, entry, ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const said: string[] = [];
  const waiting: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  createInterface({ input: child.stderr }).on('line', (text) => {
    said.push(text);
    for (const wait of [...waiting]) {
      const match = wait.pattern.exec(text);
      if (match) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve(match);
      }
    }
  });
  return {
    child,
    said,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        const known = said.map((text) => pattern.exec(text)).find((match) => match !== null);
        if (known) {
          resolve(known);
          return;
        }
        waiting.push({ pattern, resolve });
        child.once('exit', (code) =>
          reject(new Error(`palisade ${args[0] ?? ''} exited ${code}: ${said.join('\n')}`))
        );
      }),
  };
}

/** The exit code, or null for a process a signal ended; at once when it has already exited. */
export function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Kills with SIGKILL every child still running, and waits for each to go. */
export async function killAll(children: readonly ChildProcess[]): Promise<void> {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
  }
}

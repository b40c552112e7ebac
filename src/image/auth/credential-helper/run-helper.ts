import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { z } from 'zod';
import { ExternalHostError, InputError } from '../../../core/errors.js';
import { parseJson } from '../../../core/parse.js';
import type { AuthContext, Credentials } from '../types.js';

const HelperOutput = z.object({
  Username: z.string(),
  Secret: z.string(),
  ServerURL: z.string().optional(),
});

const maxOutputBytes = 1024 * 1024;
/** The username helpers return when `Secret` is an identity token, by the helper protocol. */
const identityTokenUsername = '<token>';

async function findOnPath(binary: string, path: string | undefined): Promise<string | undefined> {
  for (const folder of (path ?? '').split(delimiter)) {
    if (folder === '') {
      continue;
    }
    const candidate = join(folder, binary);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder; keep looking.
    }
  }
  return undefined;
}

interface HelperRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  timedOut: boolean;
}

function collect(chunks: Buffer[], chunk: Buffer, limit: number): void {
  const held = chunks.reduce((total, held) => total + held.length, 0);
  if (held < limit) {
    chunks.push(chunk.subarray(0, limit - held));
  }
}

function runGet(binary: string, serverUrl: string, context: AuthContext): Promise<HelperRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['get'], {
      env: context.registry.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(context.signal ? { signal: context.signal } : {}),
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      // A helper script's own children may hold its output open; do not wait for them.
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({ code: null, stdout: Buffer.alloc(0), stderr: '', timedOut: true });
    }, context.registry.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      collect(stdout, chunk, maxOutputBytes + 1);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      collect(stderr, chunk, 4096);
    });
    // A helper may exit without reading its input; that is its answer, not our failure.
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr).toString('utf8'),
        timedOut: false,
      });
    });
    child.stdin.end(serverUrl);
  });
}

function firstLine(text: string): string {
  return (text.trim().split('\n')[0] ?? '').slice(0, 200);
}

/**
 * Runs `docker-credential-<name> get` with the server URL on stdin, as the Docker credential
 * helper protocol says. Undefined when the helper has nothing stored for the server.
 */
export async function runCredentialHelper(
  name: string,
  serverUrl: string,
  context: AuthContext,
  source: string
): Promise<Credentials | undefined> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new InputError(`credential helper name ${JSON.stringify(name.slice(0, 80))} is invalid`);
  }
  const binary = `docker-credential-${name}`;
  const path = await findOnPath(binary, context.registry.env['PATH']);
  if (path === undefined) {
    throw new ExternalHostError(
      `credential helper ${binary} (configured for ${serverUrl}) was not found on PATH`
    );
  }
  let run: HelperRun;
  try {
    run = await runGet(path, serverUrl, context);
  } catch (error) {
    throw new ExternalHostError(`credential helper ${binary} could not be run`, { cause: error });
  }
  if (run.timedOut) {
    throw new ExternalHostError(
      `credential helper ${binary} did not answer within ${context.registry.timeoutMs} ms`
    );
  }
  const stdout = run.stdout.toString('utf8');
  if (run.code !== 0) {
    // The protocol's way of saying "nothing stored": not an error, just no credentials.
    if (/credentials not found/i.test(stdout) || /credentials not found/i.test(run.stderr)) {
      return undefined;
    }
    const detail = firstLine(run.stderr) || firstLine(stdout);
    throw new ExternalHostError(
      `credential helper ${binary} failed with exit code ${run.code ?? 'signal'}${detail ? `: ${detail}` : ''}`
    );
  }
  if (run.stdout.length > maxOutputBytes) {
    throw new ExternalHostError(
      `credential helper ${binary} wrote more than ${maxOutputBytes} bytes`
    );
  }
  const output = parseJson(HelperOutput, stdout, `output of credential helper ${binary}`);
  if (output.Secret === '') {
    return undefined;
  }
  if (output.Username === identityTokenUsername) {
    return { kind: 'identity-token', token: output.Secret, source };
  }
  return { kind: 'basic', username: output.Username, password: output.Secret, source };
}

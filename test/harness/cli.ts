import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stderr: string;
}

/** Runs the CLI in this process, as `palisade ARGS`, capturing stderr and the exit code. */
export async function runCli(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; stdin?: string } = {}
): Promise<CliResult> {
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  const code = await main(args, {
    env: { HOME: '/nonexistent', PATH: process.env['PATH'], ...options.env },
    stdin,
    stderr: stderr as unknown as NodeJS.WriteStream,
  });
  return { code, stderr: Buffer.concat(chunks).toString('utf8') };
}

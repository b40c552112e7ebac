import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stderr: string;
}

export interface CliOutput extends CliResult {
  stdout: string;
}

/** Runs the CLI in this process, as `palisade ARGS`, capturing stderr and the exit code. */
export async function runCli(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; stdin?: string } = {}
): Promise<CliResult> {
  const { stdout, ...result } = await runCliWithStdout(args, options);
  if (stdout !== '') {
    throw new Error(`palisade ${args.join(' ')} wrote to stdout; use runCliWithStdout`);
  }
  return result;
}

/** As `runCli`, capturing standard output too. */
export async function runCliWithStdout(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; stdin?: string } = {}
): Promise<CliOutput> {
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
  const stdout = new PassThrough();
  const outChunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => outChunks.push(chunk));
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  const code = await main(args, {
    env: { HOME: '/nonexistent', PATH: process.env['PATH'], ...options.env },
    stdin,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
  });
  return {
    code,
    stdout: Buffer.concat(outChunks).toString('utf8'),
    stderr: Buffer.concat(chunks).toString('utf8'),
  };
}

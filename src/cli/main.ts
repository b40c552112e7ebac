import { Command, CommanderError } from 'commander';
import { ExitCode, UsageError, describeError, isPalisadeError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { toolVersion } from '../core/version.js';
import { registerAssess } from './commands/assess.js';
import { registerDb } from './commands/db.js';
import { registerDetect } from './commands/detect.js';
import { registerScanImage, type CliContext } from './commands/scan-image.js';
import { registerServe } from './commands/serve.js';
import { registerScanSbom } from './commands/scan-sbom.js';

export interface MainIo {
  env?: Record<string, string | undefined>;
  stdin?: NodeJS.ReadableStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  /** Ends long-running commands; SIGINT and SIGTERM when not given. */
  stop?: AbortSignal;
}

function buildProgram(context: CliContext, setExit: (code: number) => void): Command {
  const program = new Command('palisade')
    .description(
      'Security for containers and Kubernetes: image inventory, vulnerabilities, posture, detection'
    )
    .version(toolVersion, '-V, --version')
    .option(
      '--log-level <level>',
      'log level on stderr: fatal, error, warn, info, debug, trace',
      'warn'
    )
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (text) => context.stderr.write(text) })
    .addHelpText(
      'after',
      "\nExit codes: 0 ok; 1 findings at or over a command's --exit-code threshold; 2 bad usage or bad input; 3 the outside world failed (registry unreachable, credentials refused)."
    );
  program.hook('preAction', (command) => {
    const level = command.opts<{ logLevel?: string }>().logLevel;
    if (level !== undefined) {
      if (!Object.hasOwn(context.logger.levels.values, level)) {
        throw new UsageError(
          `--log-level must be one of fatal, error, warn, info, debug, trace; got ${JSON.stringify(level)}`
        );
      }
      context.logger.level = level;
    }
  });
  const scan = program.command('scan').description('scan an artifact').exitOverride();
  registerScanImage(scan, context, setExit);
  registerScanSbom(scan, context, setExit);
  registerDb(program, context);
  registerAssess(program, context, setExit);
  registerDetect(program, context, setExit);
  registerServe(program, context);
  return program;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** An unknown LOG_LEVEL must not stop the program before it can say anything. */
function logLevelFrom(value: string | undefined): string {
  return value !== undefined && logLevels.includes(value) ? value : 'warn';
}

/** Runs the CLI and returns the exit code; every error ends here as one line on stderr. */
export async function main(argv: readonly string[], io: MainIo = {}): Promise<number> {
  const env = io.env ?? process.env;
  const stderr = io.stderr ?? process.stderr;
  const context: CliContext = {
    logger: createLogger({ level: logLevelFrom(env['LOG_LEVEL']) }),
    env,
    stdin: io.stdin ?? process.stdin,
    stdout: io.stdout ?? process.stdout,
    stderr,
    ...(io.stop !== undefined ? { stop: io.stop } : {}),
  };
  let exitCode: number = ExitCode.ok;
  const program = buildProgram(context, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; anything else commander refused is bad usage.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.badInput;
    }
    if (isPalisadeError(error)) {
      stderr.write(`palisade: ${describeError(error)}\n`);
      context.logger.debug({ err: error }, 'command failed');
      return error.exitCode;
    }
    stderr.write(`palisade: internal error: ${describeError(error)}\n`);
    // The stack is for developers (LOG_LEVEL=debug), never a user's terminal.
    context.logger.debug({ err: error }, 'internal error');
    return ExitCode.badInput;
  }
}

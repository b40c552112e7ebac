import { pino, type Logger as PinoLogger } from 'pino';

/**
 * The one structured logger. Library code logs through it and never through `console`.
 * Secrets are removed here, in the logger itself, so no caller has to remember.
 */
export type Logger = PinoLogger;

const redactedPaths = [
  'password',
  'token',
  'secret',
  'authorization',
  'auth',
  'identitytoken',
  'registrytoken',
  '*.password',
  '*.token',
  '*.secret',
  '*.authorization',
  '*.auth',
  '*.identitytoken',
  '*.registrytoken',
  'headers.authorization',
  'headers["www-authenticate"]',
  'req.headers.authorization',
];

export interface LoggerOptions {
  level?: string;
  /** Where log lines go; stderr by default so stdout stays for reports. */
  destination?: NodeJS.WritableStream | number;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? 2;
  return pino(
    {
      level: options.level ?? 'warn',
      base: undefined,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    typeof destination === 'number'
      ? pino.destination({ fd: destination, sync: true })
      : destination
  );
}

/** A logger that drops everything; the default for library calls that were given none. */
export const silentLogger: Logger = pino({ level: 'silent' });

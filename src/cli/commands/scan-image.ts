import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { Inventory } from '../../core/inventory.js';
import type { Logger } from '../../core/logger.js';
import { toolVersion } from '../../core/version.js';
import {
  DirectoryLayerCache,
  analyzers,
  defaultLimits,
  hostPlatform,
  openImage,
  parsePlatform,
  scanImage,
} from '../../image/index.js';
import { formatIds } from '../../report/index.js';
import { createProgress } from '../progress.js';
import { reportInventory } from './report-inventory.js';
import { addVulnerabilityOptions, type VulnerabilityFlags } from './vulnerability-options.js';

interface ScanImageFlags extends VulnerabilityFlags {
  format: string;
  output?: string;
  platform?: string;
  username?: string;
  password?: string;
  passwordStdin?: boolean;
  insecure?: boolean;
  cacheDir?: string;
  cache: boolean;
  retries: string;
  timeout: string;
  progress: boolean;
}

export interface CliContext {
  logger: Logger;
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Ends long-running commands (`detect serve`); SIGINT and SIGTERM when not given. */
  stop?: AbortSignal;
}

export function defaultCacheDir(env: Record<string, string | undefined>): string {
  return join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'palisade');
}

function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new UsageError(`${flag} must be a whole number, got ${JSON.stringify(text)}`);
  }
  return value;
}

async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(Buffer.from(chunk as Buffer));
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function run(reference: string, flags: ScanImageFlags, context: CliContext): Promise<number> {
  if (flags.password !== undefined && flags.passwordStdin) {
    throw new UsageError('use either --password or --password-stdin, not both');
  }
  const password = flags.passwordStdin ? await readStdin(context.stdin) : flags.password;
  return reportInventory(() => inventoryOf(reference, flags, password, context), flags, context);
}

async function inventoryOf(
  reference: string,
  flags: ScanImageFlags,
  password: string | undefined,
  context: CliContext
): Promise<Inventory> {
  const image = await openImage(reference, {
    platform: flags.platform ? parsePlatform(flags.platform) : hostPlatform(),
    logger: context.logger,
    registry: {
      insecure: flags.insecure ?? false,
      ...(flags.username !== undefined ? { username: flags.username } : {}),
      ...(password !== undefined ? { password } : {}),
      env: context.env,
      maxRetries: positiveInteger(flags.retries, '--retries'),
      timeoutMs: positiveInteger(flags.timeout, '--timeout') * 1000,
    },
  });
  const progress = flags.progress ? createProgress(context.stderr) : undefined;
  try {
    return await scanImage(image, {
      analyzers: [...analyzers.values()],
      limits: defaultLimits,
      logger: context.logger,
      toolVersion,
      ...(flags.cache
        ? {
            cache: new DirectoryLayerCache(
              flags.cacheDir ?? defaultCacheDir(context.env),
              context.logger
            ),
          }
        : {}),
      concurrency: 3,
      ...(progress ? { onProgress: progress.update } : {}),
    });
  } finally {
    progress?.done();
    await image.close();
  }
}

export function registerScanImage(
  scan: Command,
  context: CliContext,
  setExit: (code: number) => void
): void {
  const command = scan
    .command('image')
    .description('list what is installed in a container image')
    .argument(
      '<image>',
      'registry/repo:tag, registry/repo@sha256:…, alpine:3.20, oci:DIR[:TAG], docker-archive:FILE, dir:ROOTFS'
    )
    .option('-f, --format <format>', `output format: ${formatIds().join(', ')}`, 'table')
    .option('-o, --output <file>', 'write the report to a file (written whole, or not at all)')
    .option(
      '--platform <os/arch[/variant]>',
      'platform to pick from a multi-platform image (default: this host)'
    )
    .option('-u, --username <name>', 'registry user name (or PALISADE_REGISTRY_USERNAME)')
    .option('-p, --password <password>', 'registry password (or PALISADE_REGISTRY_PASSWORD)')
    .option('--password-stdin', 'read the registry password from standard input')
    .option('--insecure', 'allow plain HTTP and unverified TLS to the registry')
    .option('--cache-dir <dir>', 'layer cache directory (default: $XDG_CACHE_HOME/palisade)')
    .option('--no-cache', 'neither read nor write the layer cache')
    .option('--retries <n>', 'retries on 429, 5xx and dropped connections', '4')
    .option('--timeout <seconds>', 'timeout of each registry request', '60')
    .option('--no-progress', 'no progress meter on stderr');
  addVulnerabilityOptions(command).action(async (reference: string, flags: ScanImageFlags) => {
    setExit(await run(reference, flags, context));
  });
}

import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { alertSeverityOrder, type AlertSeverity } from '../../core/alert.js';
import { InputError, NotFoundError, UsageError } from '../../core/errors.js';
import { toolVersion } from '../../core/version.js';
import {
  AlertStream,
  AuditEngine,
  alertOutputs,
  createBaselines,
  createBursts,
  detectionFormats,
  detectionReportSchemaVersion,
  engineDefaults,
  eventSources,
  loadThreatIntel,
  readDetectionExceptions,
  rules,
  type AlertOutput,
  type BehaviourModel,
  type DetectionReport,
} from '../../detect/index.js';
import { writeReport } from '../output.js';
import { parseListen, stopSignal } from '../long-running.js';
import type { CliContext } from './scan-image.js';

interface CommonFlags {
  cluster?: string;
  exceptions: string[];
  torExits: string[];
  maliciousIps: string[];
  minerImages: string[];
  baselineState?: string;
  learningWindow: string;
  analytics: boolean;
  maxEventSize: string;
}

interface AuditFlags extends CommonFlags {
  format: string;
  output?: string;
  exitCode?: string;
}

interface ServeFlags extends CommonFlags {
  listen: string;
  tlsCert: string;
  tlsKey: string;
  clientCa?: string;
  tokenFile?: string;
  queue: string;
  maxBody: string;
  alerts: string;
  alertsWebhook?: string;
  alertsWebhookTokenFile?: string;
  flush: string;
}

const units: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `30m`, `12h`, `7d`. */
export function parseDuration(text: string, flag: string): number {
  const match = /^([0-9]+)([smhd])$/.exec(text.trim());
  const unit = match?.[2] !== undefined ? units[match[2]] : undefined;
  if (match === null || unit === undefined || Number(match[1]) <= 0) {
    throw new UsageError(
      `${flag} must be a positive number followed by s, m, h or d (7d); got ${JSON.stringify(text)}`
    );
  }
  return Number(match[1]) * unit;
}

function positive(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new UsageError(`${flag} must be a positive whole number; got ${JSON.stringify(text)}`);
  }
  return value;
}

async function secretFile(path: string, flag: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new NotFoundError(`cannot read ${flag} ${path}`, { cause: error });
  }
  const secret = text.trim();
  if (secret === '' || /\s/.test(secret)) {
    throw new InputError(`${flag} ${path} must hold one token on one line`);
  }
  return secret;
}

/** What both commands build before reading any event, so a bad flag fails at once. */
async function prepare(flags: CommonFlags, context: CliContext) {
  const maxEventBytes = positive(flags.maxEventSize, '--max-event-size');
  const learningWindowMs = parseDuration(flags.learningWindow, '--learning-window');
  const exceptions = (
    await Promise.all(flags.exceptions.map((path) => readDetectionExceptions(path)))
  ).flat();
  const intel = await loadThreatIntel({
    torExits: flags.torExits,
    maliciousIps: flags.maliciousIps,
    minerImages: flags.minerImages,
  });
  const models: BehaviourModel[] = flags.analytics
    ? [
        await createBaselines({
          learningWindowMs,
          ...(flags.baselineState !== undefined ? { statePath: flags.baselineState } : {}),
          logger: context.logger,
        }),
        createBursts(),
      ]
    : [];
  return { maxEventBytes, exceptions, intel, models };
}

function report(engine: AuditEngine, sources: string[]): DetectionReport {
  return {
    schemaVersion: detectionReportSchemaVersion,
    tool: { name: 'palisade', version: toolVersion },
    createdAt: new Date().toISOString(),
    sources,
    stats: engine.stats(),
    problems: engine.problems(),
    notes: engine.notes(),
    alerts: engine.alerts(),
  };
}

function addCommonOptions(command: Command): Command {
  const list = (value: string, previous: string[]) => [...previous, value];
  return command
    .option('--cluster <name>', 'the cluster the events belong to, when the input does not say')
    .option(
      '--exceptions <file>',
      'YAML file of exceptions (rules, users, groups, serviceAccounts, namespaces, resources, names, images, userAgents, reason, expires); repeatable',
      list,
      []
    )
    .option('--tor-exits <file|url>', 'list of Tor exit node IPs; repeatable', list, [])
    .option('--malicious-ips <file|url>', 'list of malicious IPs and CIDRs; repeatable', list, [])
    .option(
      '--miner-images <file|url>',
      'list of crypto-miner image repositories (globs); repeatable',
      list,
      []
    )
    .option(
      '--baseline-state <file>',
      'where the behaviour baselines persist (read at start, written at the end)'
    )
    .option(
      '--learning-window <duration>',
      'how long each identity is learnt, from when it is first seen, before its first-time behaviour alerts (event time: 90m, 12h, 7d)',
      '7d'
    )
    .option('--no-analytics', 'rules only: no behaviour baselines or burst detection')
    .option(
      '--max-event-size <bytes>',
      'events larger than this are counted and skipped',
      String(engineDefaults.maxEventBytes)
    );
}

export function registerDetect(
  program: Command,
  context: CliContext,
  setExit: (code: number) => void
): void {
  const command = program
    .command('detect')
    .description(
      'detect threats in Kubernetes audit logs: rules, behaviour baselines and bursts, as alerts'
    )
    .exitOverride();

  addCommonOptions(
    command
      .command('audit')
      .description(
        'judge audit log files: JSON lines, EventList, CloudWatch Logs exports and Firehose (gzip) payloads'
      )
      .argument('<paths...>', 'files or directories; - for standard input')
      .option(
        '-f, --format <format>',
        `output format: ${[...detectionFormats.keys()].join(', ')}`,
        'table'
      )
      .option('-o, --output <file>', 'write the report to a file (written whole, or not at all)')
      .option(
        '--exit-code <severity>',
        `exit with 1 when an alert is at or above this severity (${alertSeverityOrder.join(', ')})`
      )
  ).action(async (paths: string[], flags: AuditFlags) => {
    const format = detectionFormats.get(flags.format);
    if (!format) {
      throw new UsageError(
        `--format must be one of ${[...detectionFormats.keys()].join(', ')}; got ${JSON.stringify(flags.format)}`
      );
    }
    let threshold: AlertSeverity | undefined;
    if (flags.exitCode !== undefined) {
      const severity = flags.exitCode.toLowerCase() as AlertSeverity;
      if (!alertSeverityOrder.includes(severity)) {
        throw new UsageError(
          `--exit-code must be one of ${alertSeverityOrder.join(', ')}; got ${JSON.stringify(flags.exitCode)}`
        );
      }
      threshold = severity;
    }
    const prepared = await prepare(flags, context);
    const engine = new AuditEngine({
      rules,
      intel: prepared.intel,
      models: prepared.models,
      exceptions: prepared.exceptions,
      maxEventBytes: prepared.maxEventBytes,
      logger: context.logger,
      ...(flags.cluster !== undefined ? { cluster: flags.cluster } : {}),
    });
    await eventSources.file.run(
      {
        paths,
        maxEventBytes: prepared.maxEventBytes,
        stdin: context.stdin,
        ...(flags.cluster !== undefined ? { cluster: flags.cluster } : {}),
      },
      engine,
      new AbortController().signal
    );
    await engine.save();
    const result = report(engine, paths);
    const color =
      flags.output === undefined && context.stdout.isTTY && !('NO_COLOR' in context.env);
    await writeReport(flags.output, format.render(result, { color }), context.stdout);
    if (result.stats.judged === 0 && result.problems.length > 0) {
      throw new InputError(
        `no audit event in ${paths.join(', ')} could be judged (first problem: ${result.problems[0]?.origin ?? ''}: ${result.problems[0]?.detail ?? ''})`
      );
    }
    if (threshold !== undefined) {
      const limit = alertSeverityOrder.indexOf(threshold);
      setExit(
        result.alerts.some((alert) => alertSeverityOrder.indexOf(alert.severity) <= limit) ? 1 : 0
      );
    }
  });

  addCommonOptions(
    command
      .command('serve')
      .description(
        "receive the API server's audit webhook (HTTPS, EventList POSTs) and write alerts as they are raised"
      )
      .option('--listen <host:port>', 'address to listen on', '0.0.0.0:8443')
      .requiredOption('--tls-cert <file>', 'PEM certificate the endpoint serves')
      .requiredOption('--tls-key <file>', 'PEM private key of the certificate')
      .option('--client-ca <file>', 'require client certificates signed by this PEM CA')
      .option(
        '--token-file <file>',
        'require this bearer token (the webhook kubeconfig user token); read from a file, never a flag'
      )
      .option('--queue <events>', 'events accepted but not yet judged; beyond it 429', '10000')
      .option('--max-body <bytes>', 'largest POST body', String(32 * 1024 * 1024))
      .option('--alerts <file>', 'append alerts as JSON lines to this file; - for stdout', '-')
      .option('--alerts-webhook <url>', 'also POST alerts as JSON to this URL')
      .option('--alerts-webhook-token-file <file>', 'bearer token for --alerts-webhook')
      .option('--flush <duration>', 'how often updated alerts (repeats) are written', '10s')
  ).action(async (flags: ServeFlags) => {
    const { host, port } = parseListen(flags.listen);
    const flushMs = parseDuration(flags.flush, '--flush');
    const queueCapacity = positive(flags.queue, '--queue');
    const maxBodyBytes = positive(flags.maxBody, '--max-body');
    const readPem = async (path: string, flag: string) => {
      try {
        return await readFile(path, 'utf8');
      } catch (error) {
        throw new NotFoundError(`cannot read ${flag} ${path}`, { cause: error });
      }
    };
    const certPem = await readPem(flags.tlsCert, '--tls-cert');
    const keyPem = await readPem(flags.tlsKey, '--tls-key');
    const clientCaPem =
      flags.clientCa !== undefined ? await readPem(flags.clientCa, '--client-ca') : undefined;
    const token =
      flags.tokenFile !== undefined ? await secretFile(flags.tokenFile, '--token-file') : undefined;
    const outputs: AlertOutput[] = [];
    if (flags.alertsWebhook !== undefined) {
      const hookToken =
        flags.alertsWebhookTokenFile !== undefined
          ? await secretFile(flags.alertsWebhookTokenFile, '--alerts-webhook-token-file')
          : undefined;
      outputs.push(
        alertOutputs.webhook({
          url: flags.alertsWebhook,
          logger: context.logger,
          ...(hookToken !== undefined ? { token: hookToken } : {}),
        })
      );
    }
    outputs.push(
      flags.alerts === '-'
        ? alertOutputs['json-lines'](context.stdout, false)
        : alertOutputs['json-lines'](createWriteStream(flags.alerts, { flags: 'a' }), true)
    );
    const prepared = await prepare(flags, context);
    const stream = new AlertStream(outputs, flushMs);
    const engine = new AuditEngine({
      rules,
      intel: prepared.intel,
      models: prepared.models,
      exceptions: prepared.exceptions,
      maxEventBytes: prepared.maxEventBytes,
      logger: context.logger,
      onAlert: stream.onAlert,
      ...(flags.cluster !== undefined ? { cluster: flags.cluster } : {}),
    });
    const stop = stopSignal(context);
    const saver = setInterval(() => {
      engine.save().catch((error: unknown) => {
        context.logger.error({ err: error }, 'could not save the baselines');
      });
    }, 300_000);
    saver.unref();
    try {
      await eventSources.webhook.run(
        {
          host,
          port,
          tls: { certPem, keyPem, ...(clientCaPem !== undefined ? { clientCaPem } : {}) },
          queueCapacity,
          maxBodyBytes,
          maxEventBytes: prepared.maxEventBytes,
          logger: context.logger,
          onListening: (url: string) => {
            context.logger.info({ url }, 'audit webhook listening');
            context.stderr.write(`palisade: audit webhook listening on ${url}\n`);
          },
          ...(token !== undefined ? { token } : {}),
        },
        engine,
        stop
      );
    } finally {
      clearInterval(saver);
      await engine.save();
      await stream.close();
    }
    const stats = engine.stats();
    context.logger.info({ stats }, 'audit webhook stopped');
  });
}

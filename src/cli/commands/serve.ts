import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { toolVersion } from '../../core/version.js';
import { enqueueAssessments, startAssessPipeline } from '../../platform/assess-pipeline/index.js';
import { startAuditPipeline } from '../../platform/audit-pipeline/index.js';
import { seedDemo } from '../../platform/demo/index.js';
import { buildServer } from '../../platform/http/server.js';
import {
  publishPendingNotifications,
  startNotifyPipeline,
} from '../../platform/notify-pipeline/index.js';
import {
  enqueueRegistryDiscovery,
  enqueueRematch,
  reapSilentScans,
  startScanPipeline,
} from '../../platform/scan-pipeline/index.js';
import {
  parseInterval,
  startScheduler,
  type ScheduledTask,
} from '../../platform/schedule/index.js';
import { openQueue, type Queue } from '../../platform/queue/index.js';
import { recordScoreHistory } from '../../platform/score/index.js';
import { openStore, type Store } from '../../platform/store/index.js';
import { parseListen, stopSignal, stopped } from '../long-running.js';
import { dashboardRoot } from '../web-root.js';
import { defaultDbPath } from './db.js';
import type { CliContext } from './scan-image.js';

interface PlatformFlags {
  database?: string;
  queue?: string;
  dataDir?: string;
  advisoryDb?: string;
}

interface ServeFlags extends PlatformFlags {
  listen: string;
  worker: boolean;
  scanInterval: string;
  rematchInterval: string;
  assessInterval: string;
  demo?: boolean;
}

const adminTokenVariable = 'PALISADE_ADMIN_TOKEN';
/** Where people reach the API, for the links in notifications (`https://palisade.example`). */
const publicUrlVariable = 'PALISADE_PUBLIC_URL';

function notifyOptions(context: CliContext): { publicUrl?: string } {
  const publicUrl = context.env[publicUrlVariable];
  return publicUrl !== undefined && publicUrl !== '' ? { publicUrl } : {};
}

/**
 * The first start of an empty store makes the admin token: the one in PALISADE_ADMIN_TOKEN,
 * or a new one printed once on standard error (it is stored hashed and cannot be shown again).
 */
async function firstAdminToken(store: Store, context: CliContext): Promise<void> {
  if ((await store.tokens.list()).length > 0) {
    return;
  }
  const given = context.env[adminTokenVariable];
  if (given !== undefined && given !== '') {
    await store.tokens.create({ name: 'admin', role: 'admin', token: given });
    context.stderr.write(
      `palisade: first start: the admin token is the one in ${adminTokenVariable}\n`
    );
    return;
  }
  const { token } = await store.tokens.create({ name: 'admin', role: 'admin' });
  context.stderr.write(
    `palisade: first start: admin API token (shown once; it is stored hashed): ${token}\n`
  );
}

async function openPlatform(flags: PlatformFlags, logger: Logger, env: CliContext['env']) {
  const store = await openStore(flags.database, {
    env,
    logger,
    ...(flags.dataDir !== undefined ? { dataDir: flags.dataDir } : {}),
  });
  try {
    const queue = await openQueue(flags.queue, { logger });
    return { store, queue };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * The pipelines a worker runs: audit batches and the notifications of their alerts, cluster
 * assessments, and image discovery, scans and re-matches against the advisory database (the one `palisade db update` keeps, when it exists).
 */
function startPipelines(
  store: Store,
  queue: Queue,
  flags: PlatformFlags,
  context: CliContext
): () => Promise<void> {
  const fallback = defaultDbPath(context.env);
  const advisoryDbPath = flags.advisoryDb ?? (existsSync(fallback) ? fallback : undefined);
  if (advisoryDbPath === undefined) {
    context.stderr.write(
      'palisade: note: no advisory database, so images are scanned for packages only; build one with: palisade db update\n'
    );
  }
  const audit = startAuditPipeline({ store, queue, logger: context.logger });
  const assess = startAssessPipeline({ store, queue, logger: context.logger, env: context.env });
  const notify = startNotifyPipeline({
    store,
    queue,
    logger: context.logger,
    version: toolVersion,
    ...notifyOptions(context),
  });
  const scan = startScanPipeline({
    store,
    queue,
    logger: context.logger,
    ...(advisoryDbPath !== undefined ? { advisoryDbPath } : {}),
  });
  return async () => {
    await Promise.all([audit.close(), assess.close(), scan.close(), notify.close()]);
  };
}

/**
 * The periodic tasks, from the interval flags (checked before anything opens), the sweep of
 * the alerts' notification outbox every minute, the scans whose worker died every 5 minutes,
 * and the secure score's history every hour. The store's claim lets one of several servers run
 * each per period.
 */
function scheduledTasks(flags: ServeFlags): (store: Store, queue: Queue) => ScheduledTask[] {
  const intervals = [
    ['discover-registries', parseInterval(flags.scanInterval, '--scan-interval')],
    ['rematch-images', parseInterval(flags.rematchInterval, '--rematch-interval')],
    ['assess-clusters', parseInterval(flags.assessInterval, '--assess-interval')],
  ] as const;
  return (store, queue) => {
    const run: Record<(typeof intervals)[number][0], () => Promise<number>> = {
      'discover-registries': () => enqueueRegistryDiscovery(store, queue),
      'rematch-images': () => enqueueRematch(store, queue),
      'assess-clusters': () => enqueueAssessments(store, queue),
    };
    const outbox: ScheduledTask = {
      id: 'notify-pending',
      everyMs: 60_000,
      run: () => publishPendingNotifications({ store, queue }),
      unit: 'pending alerts published',
    };
    const reaper: ScheduledTask = {
      id: 'reap-silent-scans',
      everyMs: 5 * 60_000,
      run: () => reapSilentScans(store),
      unit: 'silent scans failed',
    };
    const scoreHistory: ScheduledTask = {
      id: 'record-score',
      everyMs: 60 * 60_000,
      run: () => recordScoreHistory(store),
      unit: 'scores recorded',
    };
    return [
      ...intervals.flatMap(([id, everyMs]) =>
        everyMs === undefined ? [] : [{ id, everyMs, run: run[id] }]
      ),
      outbox,
      reaper,
      scoreHistory,
    ];
  };
}

function addPlatformOptions(command: Command): Command {
  return command
    .option(
      '--database <url>',
      'postgres://user@host:5432/db, or sqlite:PATH (default: palisade.db in the data dir)'
    )
    .option(
      '--queue <url>',
      'nats://host:4222[?prefix=NAME&lease=MS] for JetStream (default: in-process)'
    )
    .option('--data-dir <dir>', 'where the SQLite store lives (default: $XDG_DATA_HOME/palisade)')
    .option(
      '--advisory-db <file>',
      'advisory database image scans are matched against (default: $XDG_CACHE_HOME/palisade/advisories.db when it exists)'
    );
}

export function registerServe(program: Command, context: CliContext): void {
  addPlatformOptions(
    program
      .command('serve')
      .description(
        'run the platform: the dashboard at /, the REST API under /api/v1, audit webhooks per cluster, the scheduler of periodic scans and assessments, and (unless --no-worker) a worker for audit batches, notifications, cluster assessments and image scans'
      )
      .option('--listen <host:port>', 'address of the API', '127.0.0.1:8080')
      .option('--no-worker', 'serve the API only; `palisade worker` processes do the work')
      .option(
        '--scan-interval <duration>',
        'how often every registry is listed and new images scanned (30m, 6h, 1d, or off)',
        '1d'
      )
      .option(
        '--rematch-interval <duration>',
        'how often stored SBOMs are matched again against the advisory database, pulling nothing',
        '1d'
      )
      .option('--assess-interval <duration>', 'how often every cluster is assessed', '6h')
      .option(
        '--demo',
        'fill an empty store with demo clusters, alerts and images, and turn the schedules off unless an interval is given'
      )
  ).action(async (flags: ServeFlags, command: Command) => {
    const { host, port } = parseListen(flags.listen);
    if (flags.demo === true) {
      // The demo's clusters and registry do not exist: scheduled work would only fail on them.
      for (const interval of ['scanInterval', 'rematchInterval', 'assessInterval'] as const) {
        if (command.getOptionValueSource(interval) === 'default') {
          flags[interval] = 'off';
        }
      }
    }
    const tasks = scheduledTasks(flags);
    if (!flags.worker && flags.queue?.startsWith('nats://') !== true) {
      throw new UsageError(
        '--no-worker needs --queue nats://…: with the in-process queue no other process takes the jobs'
      );
    }
    const { store, queue } = await openPlatform(flags, context.logger, context.env);
    const closers: (() => Promise<void>)[] = [() => store.close(), () => queue.close()];
    try {
      await firstAdminToken(store, context);
      if (flags.demo === true) {
        const demo = await seedDemo(store, { logger: context.logger });
        context.stderr.write(
          demo.seeded
            ? `palisade: demo data seeded: ${demo.clusters} clusters, ${demo.alerts} alerts, ${demo.images} images\n`
            : 'palisade: --demo: the store already has clusters or registries, so no demo data was added\n'
        );
      }
      const scheduler = startScheduler({
        store,
        tasks: tasks(store, queue),
        logger: context.logger,
      });
      closers.unshift(() => scheduler.close());
      if (flags.worker) {
        closers.unshift(startPipelines(store, queue, flags, context));
      }
      const webRoot = dashboardRoot();
      if (webRoot === undefined) {
        context.stderr.write(
          'palisade: note: the dashboard is not built (npm run build), so / serves nothing; the API works\n'
        );
      }
      const app = buildServer({
        store,
        queue,
        logger: context.logger,
        version: toolVersion,
        ...(webRoot !== undefined ? { webRoot } : {}),
      });
      closers.unshift(() => app.close());
      const address = await app.listen({ host, port });
      context.stderr.write(`palisade: listening on ${address}\n`);
      await stopped(stopSignal(context));
    } finally {
      for (const close of closers) {
        await close();
      }
    }
  });

  addPlatformOptions(
    program
      .command('worker')
      .description(
        'process the platform queue (audit batches, notifications, cluster assessments, registry discovery, image scans and re-matches) for servers on the same database and queue'
      )
  ).action(async (flags: PlatformFlags) => {
    if (flags.queue === undefined || !flags.queue.startsWith('nats://')) {
      throw new UsageError(
        'palisade worker needs --queue nats://…: with the in-process queue, `palisade serve` does the work itself'
      );
    }
    const { store, queue } = await openPlatform(flags, context.logger, context.env);
    const closePipelines = startPipelines(store, queue, flags, context);
    context.stderr.write('palisade: worker running\n');
    try {
      await stopped(stopSignal(context));
    } finally {
      await closePipelines();
      await queue.close();
      await store.close();
    }
  });
}

import { createBaselines } from '../src/detect/analytics/baselines/index.js';
import { createBursts } from '../src/detect/analytics/bursts/index.js';
import { AuditEngine } from '../src/detect/engine/engine.js';
import { rules } from '../src/detect/rule/api.js';
import type { ThreatIntel } from '../src/detect/rule/types.js';
import { loadThreatIntel } from '../src/detect/intel/threat-intel.js';
import { auditMix } from './audit-mix.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileSource } from '../src/detect/sources/file/index.js';
import { webhookSource } from '../src/detect/sources/webhook/index.js';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const count = Number(process.env['BENCH_EVENTS'] ?? 200_000);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Threat lists as a user would load them: a few thousand IPs and CIDRs, a few miner images. */
async function intel(): Promise<ThreatIntel> {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-intel-'));
  const tor = Array.from({ length: 1500 }, (_, i) => `185.220.${i >> 8}.${i & 255}`);
  const bad = Array.from({ length: 3000 }, (_, i) => `45.${i >> 8}.${i & 255}.0/24`);
  writeFileSync(join(dir, 'tor.txt'), `${tor.join('\n')}\n`);
  writeFileSync(join(dir, 'bad.netset'), `${bad.join('\n')}\n`);
  writeFileSync(join(dir, 'miners.txt'), 'xmrig/xmrig\n*/xmrig*\nmetal3d/xmrig\n');
  return loadThreatIntel({
    torExits: [join(dir, 'tor.txt')],
    maliciousIps: [join(dir, 'bad.netset')],
    minerImages: [join(dir, 'miners.txt')],
  });
}

/**
 * Events per second through the whole pipeline (size cap, parse, checks, dedup by audit ID and
 * stage, every rule through the index, the baselines and bursts, exceptions, alert folding)
 * against bare `JSON.parse` of the same event texts, in the same run. The target is a ratio of
 * at least 0.5.
 */
/**
 * The API server's path: EventList batches of 400 (its default) POSTed over HTTPS, one at a
 * time on a kept-alive connection, into the webhook source and the engine; timed until every
 * accepted event was judged.
 */
async function throughWebhook(events: string[], dir: string, threatIntel: ThreatIntel) {
  const key = join(dir, 'tls.key');
  const cert = join(dir, 'tls.crt');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=bench',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' }
  );
  const certPem = readFileSync(cert, 'utf8');
  const engine = new AuditEngine({
    rules,
    intel: threatIntel,
    models: [await createBaselines({ learningWindowMs: 600_000 }), createBursts()],
  });
  const stop = new AbortController();
  let url = '';
  const listening = new Promise<void>((resolve) => {
    void webhookSource
      .run(
        {
          host: '127.0.0.1',
          port: 0,
          tls: { certPem, keyPem: readFileSync(key, 'utf8') },
          queueCapacity: events.length,
          onListening: (at) => {
            url = at;
            resolve();
          },
        },
        engine,
        stop.signal
      )
      .then((summary) => {
        done(summary.acceptedEvents);
      });
  });
  let done: (accepted: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => {
    done = resolve;
  });
  await listening;
  // The sender runs in its own process, as the API server does: its JSON and TLS work is not
  // charged to the receiver's thread.
  const batches = join(dir, 'batches.txt');
  const bodies: string[] = [];
  for (let at = 0; at < events.length; at += 400) {
    bodies.push(
      `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[${events.slice(at, at + 400).join(',')}]}`
    );
  }
  writeFileSync(batches, `${bodies.join('\n')}\n`);
  const sender = join(dir, 'sender.mjs');
  writeFileSync(sender, senderScript);
  const child = spawn(process.execPath, [sender, url, cert, batches], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  let start = 0n;
  const sent = new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line === 'ready') {
        start = process.hrtime.bigint();
      } else if (line === 'done') {
        resolve();
      } else {
        reject(new Error(`sender: ${line}`));
      }
    });
  });
  await sent;
  stop.abort();
  const accepted = await finished;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (accepted !== events.length || engine.stats().judged !== events.length) {
    throw new Error(`webhook: judged ${engine.stats().judged} of ${events.length}`);
  }
  return ms;
}

/** POSTs each line of a file as one batch, in order, on one kept-alive HTTPS connection. */
const senderScript = `
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
const [url, caFile, batchFile] = process.argv.slice(2);
const bodies = readFileSync(batchFile, 'utf8').split('\\n').filter((line) => line !== '');
const agent = new Agent({ keepAlive: true, ca: readFileSync(caFile, 'utf8') });
const target = new URL(url);
const post = (body) => new Promise((resolve, reject) => {
  const req = request({ host: target.hostname, port: target.port, path: '/', method: 'POST', agent,
    headers: { 'content-type': 'application/json' } }, (response) => {
    response.resume();
    response.on('end', () => resolve(response.statusCode));
  });
  req.on('error', reject);
  req.end(body);
});
process.stdout.write('ready\\n');
for (const body of bodies) {
  const status = await post(body);
  if (status !== 200) { process.stdout.write('status ' + status + '\\n'); process.exit(1); }
}
agent.destroy();
process.stdout.write('done\\n');
`;

async function main(): Promise<void> {
  const events = auditMix(count);
  const bytes = events.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const threatIntel = await intel();
  const floor: number[] = [];
  const pipeline: number[] = [];
  let alerts = 0;
  let judged = 0;
  for (let round = 0; round < rounds; round++) {
    let start = process.hrtime.bigint();
    let kept = 0;
    for (const text of events) {
      const value = JSON.parse(text) as { stage?: unknown };
      if (value.stage !== undefined) {
        kept++;
      }
    }
    floor.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (kept !== events.length) {
      throw new Error('floor lost events');
    }

    const engine = new AuditEngine({
      rules,
      intel: threatIntel,
      models: [await createBaselines({ learningWindowMs: 600_000 }), createBursts()],
      exceptions: [
        { rules: ['pod-exec'], groups: ['sre-oncall'], reason: 'on-call', origin: 'bench#1' },
      ],
    });
    start = process.hrtime.bigint();
    for (let i = 0; i < events.length; i++) {
      engine.event({ text: events[i] ?? '', origin: 'bench' });
    }
    pipeline.push(Number(process.hrtime.bigint() - start) / 1e6);
    alerts = engine.stats().alerts;
    judged = engine.stats().judged;
  }
  const floorMs = median(floor);
  const pipelineMs = median(pipeline);

  // The same events through the file source, in the shapes users have: the framing and the
  // decompression count too.
  const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-audit-'));
  const jsonLines = join(dir, 'audit.log');
  writeFileSync(jsonLines, `${events.join('\n')}\n`);
  const eventList = join(dir, 'eventlist.json');
  writeFileSync(
    eventList,
    `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[${events.join(',')}]}`
  );
  const firehose = join(dir, 'firehose.gz');
  const payloads: Buffer[] = [];
  for (let at = 0; at < events.length; at += 500) {
    payloads.push(
      gzipSync(
        JSON.stringify({
          messageType: 'DATA_MESSAGE',
          owner: '111122223333',
          logGroup: '/aws/eks/bench/cluster',
          logStream: 'kube-apiserver-audit-0123456789abcdef',
          subscriptionFilters: ['palisade'],
          logEvents: events
            .slice(at, at + 500)
            .map((message, index) => ({ id: String(at + index), timestamp: at + index, message })),
        })
      )
    );
  }
  writeFileSync(firehose, Buffer.concat(payloads));
  const endToEnd: [string, number][] = [];
  for (const [name, path] of [
    ['JSON lines file', jsonLines],
    ['EventList file', eventList],
    ['Firehose gzip objects', firehose],
  ] as const) {
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const engine = new AuditEngine({
        rules,
        intel: threatIntel,
        models: [await createBaselines({ learningWindowMs: 600_000 }), createBursts()],
      });
      const start = process.hrtime.bigint();
      await fileSource.run({ paths: [path] }, engine, new AbortController().signal);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (engine.stats().judged !== count) {
        throw new Error(`${name}: judged ${engine.stats().judged} of ${count}`);
      }
    }
    endToEnd.push([name, median(times)]);
  }
  const webhookTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    webhookTimes.push(await throughWebhook(events, dir, threatIntel));
  }
  endToEnd.push(['HTTPS webhook, 400/POST', median(webhookTimes)]);
  const perSecond = (ms: number) => Math.round((count / ms) * 1000);
  const lines = [
    `detect: ${count} audit events (${(bytes / 1024 / 1024).toFixed(1)} MiB, ${rules.length} rules + baselines + bursts), median of ${rounds}`,
    `  JSON.parse floor   ${floorMs.toFixed(0)} ms  ${perSecond(floorMs)} events/s`,
    `  pipeline           ${pipelineMs.toFixed(0)} ms  ${perSecond(pipelineMs)} events/s per core (${judged} judged, ${alerts} alerts)`,
    `  ratio pipeline/floor speed: ${(floorMs / pipelineMs).toFixed(2)} (target ≥ 0.5)`,
    '  end to end, from a file through the file source (framing, decompression) and the engine:',
    ...endToEnd.map(
      ([name, ms]) =>
        `    ${name.padEnd(22)} ${ms.toFixed(0)} ms  ${perSecond(ms)} events/s  ratio ${(floorMs / ms).toFixed(2)}`
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();

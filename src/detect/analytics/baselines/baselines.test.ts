import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { createLogger } from '../../../core/logger.js';
import type { AuditEvent } from '../../audit/event.js';
import {
  auditEvent,
  serviceAccountUser,
  type EventFields,
} from '../../../../test/harness/audit-events.js';
import type { BehaviourModel } from '../types.js';
import { createBaselines } from './baselines.js';

const start = Date.parse('2026-11-02T09:00:00.000Z');
const hour = 3_600_000;
const day = 24 * hour;
const week = 7 * day;

/** An event at `offset` ms after the first one, in the API server's microsecond form. */
function at(offset: number, fields: EventFields): AuditEvent {
  const time = new Date(start + offset).toISOString().replace('Z', '000Z');
  return auditEvent({ requestReceivedTimestamp: time, stageTimestamp: time, ...fields });
}

const web = serviceAccountUser('shop', 'web');
const alice = {
  username: 'alice@example.com',
  groups: ['developers', 'system:authenticated'],
};

function get(resource: string, namespace?: string, name?: string): EventFields['objectRef'] {
  return { resource, ...(namespace ? { namespace } : {}), ...(name ? { name } : {}) };
}

function exec(namespace: string): EventFields {
  return {
    user: alice,
    verb: 'create',
    stage: 'ResponseStarted',
    objectRef: { resource: 'pods', subresource: 'exec', namespace, name: 'web-1' },
    responseStatus: { code: 101 },
  };
}

/** A week of ordinary work: the web service account and a developer. */
function learningStream(): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let offset = 0; offset < week; offset += 6 * hour) {
    events.push(
      at(offset, { user: web, verb: 'get', objectRef: get('configmaps', 'shop', 'web-config') }),
      at(offset + 1, { user: web, verb: 'list', objectRef: get('pods', 'shop') }),
      at(offset + 2, { user: web, verb: 'watch', objectRef: get('endpoints', 'shop') }),
      at(offset + 3, { user: alice, verb: 'get', objectRef: get('secrets', 'dev', 'api-key') }),
      at(offset + 4, exec('dev')),
      at(offset + 5, { user: alice, verb: 'patch', objectRef: get('deployments', 'dev', 'web') })
    );
  }
  return events;
}

function observeAll(model: BehaviourModel, events: AuditEvent[]) {
  return events.flatMap((event) => model.observe(event));
}

describe('baselines', () => {
  let model: BehaviourModel;

  beforeEach(async () => {
    model = await createBaselines({ learningWindowMs: week });
  });

  it('learns quietly during the window', () => {
    expect(observeAll(model, learningStream())).toEqual([]);
  });

  it('after the window, keeps learnt behaviour quiet', () => {
    observeAll(model, learningStream());
    const after = week + hour;
    const findings = observeAll(model, [
      at(after, { user: web, verb: 'get', objectRef: get('configmaps', 'shop', 'other') }),
      at(after, { user: web, verb: 'list', objectRef: get('pods', 'shop') }),
      at(after, { user: alice, verb: 'get', objectRef: get('secrets', 'dev', 'api-key') }),
      at(after, exec('dev')),
      at(after, { user: alice, verb: 'create', objectRef: get('deployments', 'dev', 'worker') }),
    ]);
    expect(findings).toEqual([]);
  });

  it("fires on a service account's new operation, saying what the baseline held", () => {
    observeAll(model, learningStream());
    const findings = model.observe(
      at(week + hour, {
        user: web,
        verb: 'create',
        objectRef: get('clusterrolebindings', undefined, 'x'),
      })
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.detection.id).toBe('anomalous-service-account-operation');
    expect(findings[0]?.kind).toBe('anomaly');
    expect(findings[0]?.object).toBeUndefined();
    expect(findings[0]?.match.message).toBe(
      'system:serviceaccount:shop:web did create clusterrolebindings (cluster-wide) for the first time; in 7 days it did: get configmaps (shop), list pods (shop), watch endpoints (shop)'
    );
    expect(findings[0]?.match.fields).toEqual({
      behaviour: 'create clusterrolebindings (cluster-wide)',
      baselineEntries: '3',
      learningWindow: '7 days',
    });
  });

  it('fires on a secret read outside the baseline, not on the secret learnt', () => {
    observeAll(model, learningStream());
    const findings = model.observe(
      at(week + hour, {
        user: alice,
        verb: 'get',
        objectRef: get('secrets', 'prod', 'db-password'),
      })
    );
    expect(findings.map((finding) => finding.detection.id)).toEqual(['anomalous-secret-access']);
    expect(findings[0]?.match.message).toBe(
      'alice@example.com read secret prod/db-password for the first time; in 7 days it read secrets: dev/api-key'
    );
  });

  it('fires on an exec into a new namespace', () => {
    observeAll(model, learningStream());
    const findings = model.observe(at(week + hour, exec('prod')));
    expect(findings.map((finding) => finding.detection.id)).toEqual(['anomalous-exec']);
    expect(findings[0]?.match.message).toBe(
      'alice@example.com exec-ed into a pod in namespace prod for the first time; in 7 days it exec-ed into pods in: dev'
    );
  });

  it('fires on a deploy of a new kind of workload', () => {
    observeAll(model, learningStream());
    const findings = model.observe(
      at(week + hour, { user: alice, verb: 'create', objectRef: get('daemonsets', 'dev', 'agent') })
    );
    expect(findings.map((finding) => finding.detection.id)).toEqual([
      'anomalous-workload-deployment',
    ]);
    expect(findings[0]?.detection.severity).toBe('low');
    expect(findings[0]?.match.message).toBe(
      'alice@example.com deployed daemonsets in namespace dev for the first time; in 7 days it deployed: deployments in dev'
    );
  });

  it('fires each time the new behaviour is seen: the baseline does not grow after the window', () => {
    observeAll(model, learningStream());
    const first = model.observe(at(week + hour, exec('prod')));
    const again = model.observe(at(week + 2 * hour, exec('prod')));
    const later = model.observe(at(5 * week, exec('prod')));
    expect([first.length, again.length, later.length]).toEqual([1, 1, 1]);
  });

  it('judges only successful requests', () => {
    observeAll(model, learningStream());
    const refused = at(week + hour, {
      user: web,
      verb: 'create',
      objectRef: get('clusterrolebindings'),
      responseStatus: { code: 403, reason: 'Forbidden' },
    });
    expect(model.observe(refused)).toEqual([]);
  });

  it('does not learn from refused requests', () => {
    model.observe(at(0, exec('dev')));
    model.observe(
      at(hour, {
        user: alice,
        verb: 'get',
        objectRef: get('secrets', 'prod', 'db'),
        responseStatus: { code: 403 },
      })
    );
    const findings = model.observe(
      at(week, { user: alice, verb: 'get', objectRef: get('secrets', 'prod', 'db') })
    );
    expect(findings.map((finding) => finding.detection.id)).toEqual(['anomalous-secret-access']);
    expect(findings[0]?.match.message).toContain('in 7 days it read no secret');
  });

  it('skips the control plane', () => {
    observeAll(model, learningStream());
    const findings = observeAll(model, [
      at(week + hour, {
        user: { username: 'system:kube-controller-manager', groups: ['system:authenticated'] },
        verb: 'get',
        objectRef: get('secrets', 'kube-system', 'new'),
      }),
      at(week + hour, {
        user: serviceAccountUser('kube-system', 'replicaset-controller'),
        verb: 'create',
        objectRef: get('pods', 'brand-new', 'web-abc'),
      }),
    ]);
    expect(findings).toEqual([]);
  });

  it('gives an identity first seen after the window a window of its own', () => {
    observeAll(model, learningStream());
    const newcomer = serviceAccountUser('shop', 'new');
    const listSecrets = (offset: number) =>
      at(offset, { user: newcomer, verb: 'list', objectRef: get('secrets', 'shop') });
    // A service account that arrives with a new deployment is learnt, not reported op by op.
    expect(model.observe(listSecrets(week + hour))).toEqual([]);
    expect(model.observe(listSecrets(2 * week))).toEqual([]);
    expect(model.observe(listSecrets(2 * week + 2 * hour))).toEqual([]);
    const findings = model.observe(
      at(2 * week + 2 * hour, {
        user: newcomer,
        verb: 'create',
        objectRef: get('clusterrolebindings', undefined, 'takeover'),
      })
    );
    expect(findings.map((finding) => finding.detection.id)).toEqual([
      'anomalous-service-account-operation',
    ]);
    expect(findings[0]?.match.message).toMatch(
      /^system:serviceaccount:shop:new did create clusterrolebindings \(cluster-wide\) for the first time; in 7 days it did: list secrets \(shop\)/
    );
  });

  it('judges the acting identity when a request impersonates', () => {
    observeAll(model, learningStream());
    const findings = model.observe(
      at(week + hour, {
        ...exec('dev'),
        user: { username: 'mallory', groups: [] },
        impersonatedUser: alice,
      })
    );
    expect(findings).toEqual([]);
  });

  it('ignores an event whose time does not parse', () => {
    expect(model.observe(at(0, { stageTimestamp: 'yesterday' }))).toEqual([]);
    observeAll(model, learningStream());
    expect(model.observe(at(week + hour, exec('prod')))).toHaveLength(1);
  });
});

describe('baselines across a restart', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-baselines-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the baseline and the window start', async () => {
    const statePath = join(dir, 'state', 'baselines.json');
    const first = await createBaselines({ learningWindowMs: week, statePath });
    observeAll(
      first,
      learningStream().filter((event) => Date.parse(event.stageTimestamp) < start + 3 * day)
    );
    await first.save();
    expect((await readdir(join(dir, 'state'))).sort()).toEqual(['baselines.json']);
    const saved = JSON.parse(await readFile(statePath, 'utf8')) as Record<string, unknown>;
    expect(saved['schemaVersion']).toBe(1);
    expect(saved['windowStart']).toBe('2026-11-02T09:00:00.000Z');

    const second = await createBaselines({ learningWindowMs: week, statePath });
    // Still inside the window that began before the restart: learnt, not judged.
    expect(
      model(
        second,
        at(6 * day, { user: alice, verb: 'get', objectRef: get('secrets', 'qa', 'token') })
      )
    ).toEqual([]);
    // Past it: what either run learnt is quiet, the rest fires.
    expect(model(second, at(week + hour, exec('dev')))).toEqual([]);
    expect(
      model(
        second,
        at(week + hour, { user: alice, verb: 'get', objectRef: get('secrets', 'qa', 'token') })
      )
    ).toEqual([]);
    expect(model(second, at(week + hour, exec('prod')))).toEqual(['anomalous-exec']);
  });

  it('refuses a corrupt state file, naming it and leaving it as it was', async () => {
    const statePath = join(dir, 'baselines.json');
    await writeFile(statePath, '{"schemaVersion": 1, "windowStart": ');
    await expect(createBaselines({ statePath })).rejects.toThrow(
      new InputError(`the baseline state ${statePath} is not valid JSON; it was left as it is`)
    );
    expect(await readFile(statePath, 'utf8')).toBe('{"schemaVersion": 1, "windowStart": ');
  });

  it('refuses a state file of another schema version', async () => {
    const statePath = join(dir, 'baselines.json');
    const text = JSON.stringify({ schemaVersion: 2, windowStart: null, identities: [] });
    await writeFile(statePath, text);
    await expect(createBaselines({ statePath })).rejects.toThrow(
      `the baseline state ${statePath} has schemaVersion 2, not 1`
    );
    expect(await readFile(statePath, 'utf8')).toBe(text);
  });

  it('refuses a state file of the right version and the wrong shape', async () => {
    const statePath = join(dir, 'baselines.json');
    await writeFile(
      statePath,
      JSON.stringify({
        schemaVersion: 1,
        windowStart: 'soon',
        identitiesCapped: false,
        identities: [{}],
      })
    );
    const error = await createBaselines({ statePath }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(`the baseline state ${statePath} is malformed`);
  });

  it('keeps an identity of any name, and leaves no temporary file when a save fails', async () => {
    const statePath = join(dir, 'baselines.json');
    const first = await createBaselines({ learningWindowMs: week, statePath });
    first.observe(at(0, { ...exec('dev'), user: { username: '__proto__', groups: [] } }));
    await first.save();
    const second = await createBaselines({ learningWindowMs: week, statePath });
    const user = { username: '__proto__', groups: [] };
    expect(model(second, at(week, { ...exec('dev'), user }))).toEqual([]);
    expect(model(second, at(week, { ...exec('prod'), user }))).toEqual(['anomalous-exec']);

    const blocked = await createBaselines({ statePath: join(dir, 'taken') });
    await mkdir(join(dir, 'taken', 'inside'), { recursive: true });
    await expect(blocked.save()).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['baselines.json', 'taken']);
  });

  it('starts fresh when the state file does not exist yet, and save is a no-op without a path', async () => {
    const fresh = await createBaselines({ statePath: join(dir, 'absent.json') });
    expect(fresh.observe(at(0, exec('dev')))).toEqual([]);
    await expect((await createBaselines()).save()).resolves.toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('baseline caps', () => {
  function collectingLogger() {
    const lines: { msg: string; identity?: string }[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(JSON.parse(chunk.toString()) as { msg: string });
        callback();
      },
    });
    return { logger: createLogger({ destination }), lines };
  }

  it('stops learning new identities at the cap, says so once, and names the cap in findings', async () => {
    const { logger, lines } = collectingLogger();
    const capped = await createBaselines({ learningWindowMs: week, maxIdentities: 2, logger });
    for (const name of ['a', 'b', 'c', 'd']) {
      capped.observe(at(hour, { ...exec('dev'), user: { username: name, groups: [] } }));
    }
    expect(lines.map((line) => line.msg)).toEqual([
      'baselines: identity cap reached; identities seen from now on are not learnt',
    ]);
    expect(
      capped.observe(at(week + 2 * hour, { ...exec('dev'), user: { username: 'b', groups: [] } }))
    ).toEqual([]);
    const findings = capped.observe(
      at(week + 2 * hour, { ...exec('dev'), user: { username: 'c', groups: [] } })
    );
    expect(findings[0]?.match.message).toContain(
      'it was not learnt (first seen after the cap of 2 identities was reached), so its baseline is empty'
    );
  });

  it('stops learning an identity at its entry cap, says so once, and marks its baseline incomplete', async () => {
    const { logger, lines } = collectingLogger();
    const capped = await createBaselines({
      learningWindowMs: week,
      maxEntriesPerIdentity: 2,
      logger,
    });
    for (const namespace of ['a', 'b', 'c', 'd']) {
      capped.observe(at(hour, exec(namespace)));
    }
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'baselines: entry cap reached for an identity; it learns no more',
        identity: 'alice@example.com',
      }),
    ]);
    expect(capped.observe(at(week + 2 * hour, exec('b')))).toEqual([]);
    const findings = capped.observe(at(week + 2 * hour, exec('c')));
    expect(findings[0]?.match.message).toBe(
      'alice@example.com exec-ed into a pod in namespace c for the first time; in 7 days it exec-ed into pods in: a, b (incomplete: it reached the cap of 2 entries)'
    );
  });
});

function model(baselines: BehaviourModel, event: AuditEvent): string[] {
  return baselines.observe(event).map((finding) => finding.detection.id);
}

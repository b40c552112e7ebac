import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { z } from 'zod';
import { InputError } from '../../../core/errors.js';
import { parseValue } from '../../../core/parse.js';
import { behaviourKinds, type BehaviourKind } from './behaviours.js';

export const schemaVersion = 1;

export interface IdentityBaseline {
  /** Event time (ms) the identity was first seen; its own learning window starts there. */
  firstSeen: number;
  sets: Record<BehaviourKind, Set<string>>;
  /** Keys held over all four behaviours, against `maxEntriesPerIdentity`. */
  entries: number;
  /** It hit the entry cap and learnt no more: its baseline is incomplete. */
  capped: boolean;
}

export interface BaselineState {
  /** Event time (ms) of the first event the model ever saw, for the record. */
  windowStart: number | undefined;
  identities: Map<string, IdentityBaseline>;
  /** Some identities were not learnt: the identity cap was reached in the window. */
  identitiesCapped: boolean;
}

export function emptyState(): BaselineState {
  return { windowStart: undefined, identities: new Map(), identitiesCapped: false };
}

export function emptyIdentity(firstSeen: number): IdentityBaseline {
  return {
    firstSeen,
    sets: { operations: new Set(), secrets: new Set(), execs: new Set(), deploys: new Set() },
    entries: 0,
    capped: false,
  };
}

const keys = z.array(z.string());

/** Identities as a list, not an object keyed by name: a user may be called `__proto__`. */
const StateFile = z.object({
  schemaVersion: z.literal(schemaVersion),
  windowStart: z.iso.datetime().nullable(),
  identitiesCapped: z.boolean(),
  identities: z.array(
    z.object({
      username: z.string(),
      firstSeen: z.iso.datetime(),
      capped: z.boolean(),
      operations: keys,
      secrets: keys,
      execs: keys,
      deploys: keys,
    })
  ),
});
type StateFile = z.infer<typeof StateFile>;

/** The state in `path`, or a fresh one when there is no file yet. */
export async function loadState(path: string): Promise<BaselineState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      return emptyState();
    }
    throw new InputError(`cannot read the baseline state ${path}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(`the baseline state ${path} is not valid JSON; it was left as it is`);
  }
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== schemaVersion) {
    throw new InputError(
      `the baseline state ${path} has schemaVersion ${version === undefined ? 'none' : JSON.stringify(version)}, not ${schemaVersion}; it was left as it is (move it away to learn anew)`
    );
  }
  return fromFile(parseValue(StateFile, value, `the baseline state ${path}`));
}

function fromFile(file: StateFile): BaselineState {
  const identities = new Map<string, IdentityBaseline>();
  for (const entry of file.identities) {
    const identity = emptyIdentity(Date.parse(entry.firstSeen));
    identity.capped = entry.capped;
    for (const kind of behaviourKinds) {
      identity.sets[kind] = new Set(entry[kind]);
      identity.entries += identity.sets[kind].size;
    }
    identities.set(entry.username, identity);
  }
  return {
    windowStart: file.windowStart === null ? undefined : Date.parse(file.windowStart),
    identities,
    identitiesCapped: file.identitiesCapped,
  };
}

function toFile(state: BaselineState): StateFile {
  return {
    schemaVersion,
    windowStart: state.windowStart === undefined ? null : new Date(state.windowStart).toISOString(),
    identitiesCapped: state.identitiesCapped,
    identities: [...state.identities].map(([username, identity]) => ({
      username,
      firstSeen: new Date(identity.firstSeen).toISOString(),
      capped: identity.capped,
      operations: [...identity.sets.operations],
      secrets: [...identity.sets.secrets],
      execs: [...identity.sets.execs],
      deploys: [...identity.sets.deploys],
    })),
  };
}

/**
 * Writes the state beside `path` and renames it over: a reader, or a crash halfway, sees the
 * old file or the new one, never half of one.
 */
export async function saveState(path: string, state: BaselineState): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true });
  const temporary = join(directory, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, `${JSON.stringify(toFile(state))}\n`, { mode: 0o600 });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

import { InputError } from '../../core/errors.js';
import { channelKinds } from './api.js';
import type { ParsedChannel } from './types.js';

export { channelKinds } from './api.js';
export { testMessage } from './message.js';
export { describeTarget } from './target.js';
export type { ChannelKind, NotifyMessage, ParsedChannel, SendOptions } from './types.js';

/** 10 s for a whole send. */
export const defaultSendTimeoutMs = 10_000;

/** Checks a config for its kind; an unknown kind is an `InputError` naming `kind`. */
export function parseChannel(kind: string, config: unknown): ParsedChannel {
  const found = channelKinds.get(kind);
  if (found === undefined) {
    throw new InputError(`kind: one of ${[...channelKinds.keys()].join(', ')}`);
  }
  return found.parse(config);
}

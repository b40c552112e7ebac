import type { StoredAlert } from '../store/index.js';

/** What a channel sends: one alert, or a test that looks like one. */
export interface NotifyMessage {
  type: 'alert' | 'test';
  alert: StoredAlert;
  /** The cluster's name, for people (the alert carries its id). */
  clusterName: string;
  /** The alert in the API (`<public URL>/api/v1/alerts/<id>`), when the public URL is known. */
  link?: string;
  /** Palisade's version, for the CEF header and the user agent. */
  version: string;
  sentAt: string;
}

export interface SendOptions {
  /** Whole-send deadline: connect, write, and (HTTP) the answer; 10 s by default. */
  timeoutMs: number;
}

/** A channel whose config was checked: ready to send, and to describe without secrets. */
export interface ParsedChannel {
  /** The config as it is stored (sealed): normalised, defaults filled in. */
  config: Record<string, unknown>;
  /** Where it sends, without a credential: `https://hooks.slack.com/…`, `tcp://siem:6514`. */
  target: string;
  /** Resolves once the receiver took the message; throws `ExternalHostError` otherwise. */
  send(message: NotifyMessage, options: SendOptions): Promise<void>;
}

/** One kind of channel. Kinds are registered in `api.ts`; each folder has a readme. */
export interface ChannelKind {
  /** kebab-case, also the folder name. */
  readonly id: string;
  readonly description: string;
  /**
   * Checks a config from the API or the store; an `InputError` whose message starts with
   * `config.<field>: ` says what is wrong, never quoting a secret.
   */
  parse(config: unknown): ParsedChannel;
}

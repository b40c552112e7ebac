import {
  createConfiguration,
  ResponseContext,
  ServerConfiguration,
  type Configuration,
  type KubeConfig,
  type Middleware,
} from '@kubernetes/client-node';

/** What every call of one run shares. */
export interface CallContext {
  kubeConfig: KubeConfig;
  server: string;
  timeoutMs: number;
  /** Aborted when the run stops early (a fatal error in another kind's listing). */
  stop: AbortSignal;
}

/** What a call returned: the response body as the API server wrote it, parsed, or not JSON. */
export type RawAnswer = { json: true; value: unknown } | { json: false };

/** Thrown by `rawCall` when the per-call timeout ran out; the caller decides what that means. */
export class CallTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'CallTimeout';
  }
}

/** Thrown by `rawCall` when the run was stopped while the call was in flight. */
export class CallStopped extends Error {
  constructor() {
    super('stopped');
    this.name = 'CallStopped';
  }
}

/**
 * The response of a successful call is taken as text and parsed here, and the client is handed
 * an envelope without `items` to deserialize. The client's model classes keep only the fields
 * they know (a field newer than the client would vanish) and turn timestamps into `Date`s;
 * checks want the API's own JSON, and one copy of a page (of Secrets too) rather than two.
 */
function captureMiddleware(signal: AbortSignal, answer: (raw: RawAnswer) => void): Middleware {
  return {
    pre: (request) => {
      request.setSignal(signal);
      return Promise.resolve(request);
    },
    post: async (response) => {
      if (response.httpStatusCode !== 200) {
        return response;
      }
      const text = await response.body.text();
      let envelope = '{}';
      try {
        const value: unknown = JSON.parse(text);
        answer({ json: true, value });
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
          envelope = 'items' in value ? JSON.stringify({ ...value, items: [] }) : text;
        }
      } catch {
        answer({ json: false });
      }
      return new ResponseContext(response.httpStatusCode, response.headers, {
        text: () => Promise.resolve(envelope),
        binary: () => Promise.resolve(Buffer.from(envelope)),
      });
    },
  };
}

/**
 * One call through the client (its TLS, its authentication, its request building) with a
 * timeout over the whole of it, credential plugins included. Resolves to the raw body of a 200;
 * rejects with what the client threw (an `ApiException` for any other status), `CallTimeout`
 * or `CallStopped`.
 */
export async function rawCall(
  context: CallContext,
  invoke: (config: Configuration) => Promise<unknown>
): Promise<RawAnswer> {
  if (context.stop.aborted) {
    throw new CallStopped();
  }
  const timeout = new AbortController();
  const signal = AbortSignal.any([timeout.signal, context.stop]);
  let answer: RawAnswer = { json: false };
  const config = createConfiguration({
    baseServer: new ServerConfiguration<Record<string, string>>(context.server, {}),
    authMethods: { default: context.kubeConfig },
    promiseMiddleware: [
      captureMiddleware(signal, (raw) => {
        answer = raw;
      }),
    ],
  });
  let removeListener = (): void => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    const onAbort = (): void => {
      reject(timeout.signal.aborted ? new CallTimeout(context.timeoutMs) : new CallStopped());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    removeListener = () => {
      signal.removeEventListener('abort', onAbort);
    };
  });
  const timer = setTimeout(() => {
    timeout.abort();
  }, context.timeoutMs);
  try {
    await Promise.race([invoke(config), aborted]);
  } catch (error) {
    if (timeout.signal.aborted) {
      throw new CallTimeout(context.timeoutMs);
    }
    if (signal.aborted) {
      throw new CallStopped();
    }
    throw error;
  } finally {
    clearTimeout(timer);
    removeListener();
  }
  return answer;
}

import { ExternalHostError } from '../../core/errors.js';

/** The most of an answer's body read, for the error message; the rest is dropped unread. */
export const maxAnswerBytes = 4096;

export interface PostRequest {
  url: URL;
  /** For messages, without secrets (`describeTarget`). */
  target: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

// eslint-disable-next-line no-control-regex -- exactly the characters replaced
const controlCharacters = /[\u0000-\u001f\u007f]+/g;

/** At most `maxAnswerBytes` of the body, as text without control characters. */
async function answerText(response: Response): Promise<string> {
  const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = response.body?.getReader();
  if (reader === undefined) {
    return '';
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < maxAnswerBytes) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  const text = Buffer.concat(chunks).subarray(0, maxAnswerBytes).toString('utf8');
  // A receiver's answer must not break a log line.
  return text.replace(controlCharacters, ' ').trim().slice(0, 300);
}

/**
 * POSTs JSON and resolves on a 2xx. Redirects are not followed (a 3xx is a failure naming the
 * host it pointed at), so a receiver cannot bounce the alert, or a signed body, elsewhere.
 * Errors name the target without its path, never the URL.
 */
export async function postJson(request: PostRequest): Promise<void> {
  const signal = AbortSignal.timeout(request.timeoutMs);
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...request.headers },
      body: request.body,
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const reason = signal.aborted
      ? `no answer within ${request.timeoutMs} ms`
      : cause instanceof Error
        ? cause.message
        : String(cause);
    throw new ExternalHostError(`${request.target} cannot be reached: ${reason}`, { cause: error });
  }
  let text: string;
  try {
    text = await answerText(response);
  } catch (error) {
    throw new ExternalHostError(`${request.target} broke off its answer`, { cause: error });
  }
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location');
    let host = 'elsewhere';
    try {
      host = location !== null ? new URL(location, request.url).host : host;
    } catch {
      // a malformed Location says no more than "elsewhere"
    }
    throw new ExternalHostError(
      `${request.target} answered ${response.status}, a redirect to ${host}; redirects are not followed`
    );
  }
  if (response.status < 200 || response.status >= 300) {
    throw new ExternalHostError(
      `${request.target} answered ${response.status}${text !== '' ? `: ${text}` : ''}`
    );
  }
}

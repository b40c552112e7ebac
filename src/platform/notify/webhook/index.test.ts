import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExternalHostError, InputError } from '../../../core/errors.js';
import { rejectionOf } from '../../store/contract-support.js';
import { sampleMessage, startHttpReceiver, type HttpReceiver } from '../test-support.js';
import { kind, signatureHeader } from './index.js';

let receiver: HttpReceiver;
beforeEach(async () => {
  receiver = await startHttpReceiver();
});
afterEach(async () => {
  await receiver.close();
});

const secret = 'a-shared-hmac-secret-0123456789';

/** How a receiver checks the header, as the readme tells it to. */
function verified(body: string, header: string | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('webhook channel', () => {
  it('POSTs the alert as JSON with a signature the receiver can verify', async () => {
    const channel = kind.parse({ url: `${receiver.url}/hooks/s3cr3t-path?x=1`, secret });
    expect(channel.target).toBe(`${receiver.url}/…`);
    expect(channel.config).toEqual({ url: `${receiver.url}/hooks/s3cr3t-path?x=1`, secret });
    const message = sampleMessage();
    await channel.send(message, { timeoutMs: 5000 });
    const [request] = receiver.received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/hooks/s3cr3t-path?x=1');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-palisade-event']).toBe('alert');
    expect(request?.headers['user-agent']).toBe('palisade/1.2.3');
    const body = request?.body ?? '';
    expect(verified(body, request?.headers[signatureHeader] as string)).toBe(true);
    expect(verified(`${body} `, request?.headers[signatureHeader] as string)).toBe(false);
    expect(JSON.parse(body)).toEqual({
      type: 'alert',
      sentAt: message.sentAt,
      palisade: { version: '1.2.3' },
      clusterName: 'prod',
      link: message.link,
      alert: message.alert,
    });
  });

  it('sends no signature without a secret', async () => {
    await kind.parse({ url: receiver.url }).send(sampleMessage(), { timeoutMs: 5000 });
    expect(receiver.received[0]?.headers[signatureHeader]).toBeUndefined();
  });

  it('fails on a non-2xx answer, quoting a capped answer and never the secret path', async () => {
    receiver.answer = { status: 500, body: `boom\n${'x'.repeat(100_000)}` };
    const error = await rejectionOf(
      kind.parse({ url: `${receiver.url}/hooks/s3cr3t-path` }).send(sampleMessage(), {
        timeoutMs: 5000,
      })
    );
    expect(error).toBeInstanceOf(ExternalHostError);
    expect(error.message).toMatch(new RegExp(`^${receiver.url}/… answered 500: boom x+$`));
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).not.toContain('s3cr3t');
  });

  it('does not follow a redirect, and says where it pointed', async () => {
    receiver.answer = { status: 307, headers: { location: 'http://elsewhere.example/steal' } };
    const error = await rejectionOf(
      kind.parse({ url: receiver.url }).send(sampleMessage(), { timeoutMs: 5000 })
    );
    expect(error.message).toBe(
      `${receiver.url} answered 307, a redirect to elsewhere.example; redirects are not followed`
    );
    expect(receiver.received).toHaveLength(1);
  });

  it('fails when nothing listens', async () => {
    const url = receiver.url;
    await receiver.close();
    const error = await rejectionOf(
      kind.parse({ url: `${url}/p` }).send(sampleMessage(), { timeoutMs: 5000 })
    );
    expect(error).toBeInstanceOf(ExternalHostError);
    expect(error.message).toMatch(/cannot be reached: .*ECONNREFUSED/);
  });

  it.each([
    [{}, 'config.url'],
    [{ url: 'ftp://x.example/' }, 'config.url'],
    [{ url: 'https://user:pw@x.example/' }, 'config.url'],
    [{ url: 'https://x.example/', secret: 'short' }, 'config.secret'],
    [{ url: 'https://x.example/', colour: 'red' }, 'config.colour'],
  ])('refuses %j naming %s', (config, field) => {
    expect(() => kind.parse(config)).toThrow(InputError);
    expect(() => kind.parse(config)).toThrow(new RegExp(`^${field.replace('.', '\\.')}: `));
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostile, sampleMessage, startHttpReceiver, type HttpReceiver } from '../test-support.js';
import { testMessage } from '../message.js';
import { kind } from './index.js';

let receiver: HttpReceiver;
beforeEach(async () => {
  receiver = await startHttpReceiver();
});
afterEach(async () => {
  await receiver.close();
});

interface SlackBody {
  text: string;
  blocks: {
    type: string;
    text?: { type: string; text: string };
    fields?: { type: string; text: string }[];
    elements?: { type: string; text: string }[];
  }[];
}

describe('slack channel', () => {
  it('posts text and blocks with severity, rule, cluster, identity, object and link', async () => {
    const channel = kind.parse({ url: `${receiver.url}/services/T1/B2/secret` });
    expect(channel.target).toBe(`${receiver.url}/…`);
    await channel.send(sampleMessage(), { timeoutMs: 5000 });
    const body = JSON.parse(receiver.received[0]?.body ?? '') as SlackBody;
    expect(body.text.split('\n')[0]).toBe('*[HIGH] Privileged container created*');
    expect(body.text).toContain(
      '<https://palisade.example/api/v1/alerts/c1%3Aabc|Open in Palisade>'
    );
    const [header, message, facts, context] = body.blocks;
    expect(header).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '[HIGH] Privileged container created' },
    });
    expect(message?.text?.type).toBe('mrkdwn');
    expect(facts?.fields?.map((field) => field.text.split('\n')[0])).toEqual([
      '*Severity*',
      '*Rule*',
      '*Cluster*',
      '*Identity*',
      '*Object*',
      '*Count*',
    ]);
    expect(facts?.fields?.[2]?.text).toBe('*Cluster*\nprod');
    expect(context?.elements?.[0]?.text).toContain('|Open in Palisade>');
  });

  it('escapes values from the cluster so they make no links or mentions', async () => {
    await kind.parse({ url: receiver.url }).send(sampleMessage(), { timeoutMs: 5000 });
    const raw = receiver.received[0]?.body ?? '';
    const body = JSON.parse(raw) as SlackBody;
    expect(raw).not.toContain('<!channel>');
    expect(raw).not.toContain('<https://evil.example');
    expect(body.text).toContain('&lt;!channel&gt; &amp; co');
    expect(body.blocks[1]?.text?.text).toContain('&lt;https://evil.example|click&gt;');
    expect(body.blocks[2]?.fields?.[3]?.text).toBe(
      `*Identity*\n${hostile.username.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}`
    );
  });

  it('marks a test message and has no link without a public URL', async () => {
    await kind
      .parse({ url: receiver.url })
      .send(testMessage({ version: '1.2.3', channelName: 'ops' }), { timeoutMs: 5000 });
    const body = JSON.parse(receiver.received[0]?.body ?? '') as SlackBody;
    expect(body.text.split('\n')[0]).toBe('*[TEST] [INFORMATIONAL] Palisade test notification*');
    expect(body.text).not.toContain('Open in Palisade');
  });
});

import { describe, expect, it } from 'vitest';
import { auditEvent } from '../../../test/harness/audit-events.js';
import { describeStream, joinCommand, podStreamFields, podStreamOf } from './access-pod-stream.js';

function stream(subresource: string, query: string) {
  return auditEvent({
    verb: 'create',
    stage: 'ResponseStarted',
    objectRef: {
      resource: 'pods',
      subresource,
      namespace: 'shop',
      name: 'web-0',
      apiVersion: 'v1',
    },
    requestURI: `/api/v1/namespaces/shop/pods/web-0/${subresource}?${query}`,
    responseStatus: { code: 101 },
  });
}

describe('joinCommand', () => {
  it('quotes only the arguments that need it', () => {
    expect(joinCommand(['sh', '-c', 'cat /etc/passwd'])).toBe('sh -c "cat /etc/passwd"');
    expect(joinCommand(['echo', ''])).toBe('echo ""');
  });

  it('caps a long command', () => {
    expect(joinCommand(['x'.repeat(1000)])).toHaveLength(257);
  });
});

describe('podStreamOf', () => {
  it('reads an exec: pod, container, command, interactivity', () => {
    const exec = podStreamOf(
      stream('exec', 'command=bash&container=app&stdin=true&stdout=true&tty=true')
    );
    expect(exec).toEqual({
      action: 'exec',
      pod: 'shop/web-0',
      namespace: 'shop',
      container: 'app',
      command: 'bash',
      interactive: true,
    });
    expect(describeStream('alice', exec!)).toBe(
      'alice ran `bash` in pod shop/web-0 (container app) with an interactive TTY'
    );
    expect(podStreamFields(exec!)).toEqual({
      action: 'exec',
      pod: 'shop/web-0',
      container: 'app',
      command: 'bash',
      interactive: 'true',
    });
  });

  it('reads an attach and a port-forward', () => {
    const attach = podStreamOf(stream('attach', 'stdin=true&stdout=true'));
    expect(describeStream('alice', attach!)).toBe('alice attached to pod shop/web-0');
    const forward = podStreamOf(stream('portforward', 'ports=5432&ports=8080'));
    expect(describeStream('alice', forward!)).toBe(
      'alice port-forwarded to pod shop/web-0 on ports 5432, 8080'
    );
  });

  it('says when the log has no command', () => {
    expect(describeStream('alice', podStreamOf(stream('exec', 'stdout=true'))!)).toBe(
      'alice ran (no command in the log) in pod shop/web-0'
    );
  });

  it('gives undefined for other subresources', () => {
    expect(podStreamOf(stream('log', 'follow=true'))).toBeUndefined();
    expect(podStreamOf(auditEvent())).toBeUndefined();
  });
});

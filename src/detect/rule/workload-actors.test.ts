import { describe, expect, it } from 'vitest';
import { auditEvent } from '../../../test/harness/audit-events.js';
import { actorOf } from './workload-actors.js';

const asUser = (username: string) => auditEvent({ user: { username, groups: [] } });

describe('actorOf', () => {
  it('names the acting user and who impersonated it', () => {
    expect(actorOf(asUser('alice'))).toBe('alice');
    const event = auditEvent({
      user: { username: 'bob' },
      impersonatedUser: { username: 'alice' },
    });
    expect(actorOf(event)).toBe('alice (impersonated by bob)');
  });
});

import { describe, expect, it } from 'vitest';
import {
  anonymousUser,
  auditEvent,
  serviceAccountUser,
} from '../../../test/harness/audit-events.js';
import { succeededOutsidePlatform } from './access-identity.js';

describe('succeededOutsidePlatform', () => {
  it('needs success and a non-platform caller', () => {
    expect(succeededOutsidePlatform(auditEvent())).toBe(true);
    expect(succeededOutsidePlatform(auditEvent({ user: anonymousUser }))).toBe(true);
    expect(succeededOutsidePlatform(auditEvent({ responseStatus: { code: 403 } }))).toBe(false);
    const controller = serviceAccountUser('kube-system', 'namespace-controller');
    expect(succeededOutsidePlatform(auditEvent({ user: controller }))).toBe(false);
  });
});

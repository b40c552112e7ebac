import type { AuditEvent } from '../audit/event.js';
import { succeeded } from '../audit/fields.js';
import { isPlatformRequest } from '../audit/platform.js';

/**
 * What the RBAC and configuration rules judge: a request that succeeded and was not the
 * platform's own work.
 */
export function succeededOutsidePlatform(event: AuditEvent): boolean {
  return succeeded(event) && !isPlatformRequest(event);
}

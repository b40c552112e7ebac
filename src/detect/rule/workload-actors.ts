import type { AuditEvent } from '../audit/event.js';
import { usernameOf } from '../audit/fields.js';

/** `alice`, or `alice (impersonated by bob)`: the acting user as the API server recorded it. */
export function actorOf(event: AuditEvent): string {
  const acting = usernameOf(event);
  return event.impersonatedUser !== undefined
    ? `${acting} (impersonated by ${event.user.username})`
    : acting;
}

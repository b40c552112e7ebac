import type { AuditEvent } from '../audit/event.js';
import { isAnonymous, succeeded, usernameOf } from '../audit/fields.js';
import type { AuditRule } from '../rule/types.js';
import {
  apiCategoryOf,
  guardDutyFinding,
  guardDutyFindingTypes,
} from '../rule/access-api-category.js';
import { describeRequest, requestPath } from '../rule/access-request.js';

/**
 * The non-resource paths EKS opens to unauthenticated callers: health checks for load balancers
 * (`system:public-info-viewer`) and the service-account issuer's discovery documents that IAM
 * roles for service accounts fetch (`system:service-account-issuer-discovery`). Each path and
 * what lies under it (`/readyz/etcd`, `/livez/ping`).
 */
const publicPaths = [
  '/healthz',
  '/livez',
  '/readyz',
  '/version',
  '/.well-known/openid-configuration',
  '/openid/v1/jwks',
];

function isPublicPath(path: string): boolean {
  return publicPaths.some((open) => path === open || path.startsWith(`${open}/`));
}

function isPublicRequest(event: AuditEvent): boolean {
  return event.objectRef?.resource === undefined && isPublicPath(requestPath(event));
}

/**
 * A request without credentials that the API server allowed. Runs on every request, so the
 * identity is checked first: two string comparisons for an authenticated caller.
 */
export const rule: AuditRule = {
  id: 'anonymous-request',
  title: 'Successful anonymous API request',
  description:
    'A request by system:anonymous (group system:unauthenticated) succeeded on something other ' +
    'than the public health and discovery endpoints. Some binding lets callers without ' +
    'credentials use the API; the category says what the call could serve.',
  severity: 'high',
  mitre: ['T1078.001'],
  equivalents: {
    guardduty: guardDutyFindingTypes('SuccessfulAnonymousAccess'),
    falco: 'Anonymous Request Allowed',
  },
  on: { resources: ['*', '-'], verbs: ['*'] },
  evaluate(event) {
    if (!isAnonymous(event) || !succeeded(event) || isPublicRequest(event)) {
      return undefined;
    }
    const category = apiCategoryOf(event);
    const request = describeRequest(event);
    return {
      message:
        `An unauthenticated caller (${usernameOf(event)}) was allowed to ${request} ` +
        `(${category} call).`,
      fields: {
        request,
        category,
        guarddutyFinding: guardDutyFinding(category, 'SuccessfulAnonymousAccess'),
      },
    };
  },
};

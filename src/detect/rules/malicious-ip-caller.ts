import type { AuditRule } from '../rule/types.js';
import {
  apiCategoryOf,
  guardDutyFinding,
  guardDutyFindingTypes,
} from '../rule/access-api-category.js';
import {
  actorOf,
  describeRequest,
  forwardedNote,
  matchSourceIp,
  outcomeOf,
} from '../rule/access-request.js';

/**
 * A request from an address on a malicious-IP list. Lists the user loads as their own are named
 * `custom:<name>` by the intel loader and map to GuardDuty's `.Custom` variant; other feeds to
 * the plain one. About attempts, like `tor-caller`: every outcome fires and is told.
 */
export const rule: AuditRule = {
  id: 'malicious-ip-caller',
  title: 'API request from a known malicious IP address',
  description:
    'A request to the API server came from an address on a loaded threat list of malicious ' +
    'IPs or CIDRs. Valid credentials used from such an address are likely stolen, and denied ' +
    'calls show someone probing the cluster.',
  severity: 'high',
  mitre: ['T1078'],
  equivalents: {
    guardduty: [
      ...guardDutyFindingTypes('MaliciousIPCaller'),
      ...guardDutyFindingTypes('MaliciousIPCaller.Custom'),
    ],
  },
  on: { resources: ['*', '-'], verbs: ['*'] },
  evaluate(event, context) {
    const match = matchSourceIp(event, (ip) => context.intel.maliciousIp(ip));
    if (match === undefined) {
      return undefined;
    }
    const category = apiCategoryOf(event);
    const outcome = outcomeOf(event);
    const variant = match.list.startsWith('custom:')
      ? 'MaliciousIPCaller.Custom'
      : 'MaliciousIPCaller';
    return {
      message:
        `${actorOf(event)} sent ${describeRequest(event)} from ${match.ip}, which is on the ` +
        `threat list ${match.list} (outcome: ${outcome}).${forwardedNote(match)}`,
      fields: {
        sourceIP: match.ip,
        list: match.list,
        forwarded: match.last ? 'false' : 'true',
        outcome,
        category,
        guarddutyFinding: guardDutyFinding(category, variant),
      },
    };
  },
};

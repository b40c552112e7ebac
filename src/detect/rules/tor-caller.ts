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
 * A request from a Tor exit node, by the loaded Tor list. About attempts: a denied call from
 * Tor is still someone hiding their origin while probing, so every outcome fires and the outcome
 * is told. Every source address is looked up, and the message says when the match is a
 * forwarded (forgeable) one.
 */
export const rule: AuditRule = {
  id: 'tor-caller',
  title: 'API request from a Tor exit node',
  description:
    'A request to the API server came from an address on the Tor exit-node list. Credentials ' +
    'used through Tor are rarely legitimate: someone is hiding where they call from, often ' +
    'with stolen credentials (Microsoft Threat Matrix MS-TA9024, connect from proxy server).',
  severity: 'low',
  mitre: ['T1090', 'MS-TA9024'],
  equivalents: { defender: 'K8S_TI_Proxy', guardduty: guardDutyFindingTypes('TorIPCaller') },
  on: { resources: ['*', '-'], verbs: ['*'] },
  evaluate(event, context) {
    const match = matchSourceIp(event, (ip) => context.intel.torExit(ip));
    if (match === undefined) {
      return undefined;
    }
    const category = apiCategoryOf(event);
    const outcome = outcomeOf(event);
    return {
      message:
        `${actorOf(event)} sent ${describeRequest(event)} from Tor exit node ${match.ip} ` +
        `(list ${match.list}; outcome: ${outcome}).${forwardedNote(match)}`,
      fields: {
        sourceIP: match.ip,
        list: match.list,
        forwarded: match.last ? 'false' : 'true',
        outcome,
        category,
        guarddutyFinding: guardDutyFinding(category, 'TorIPCaller'),
      },
    };
  },
};

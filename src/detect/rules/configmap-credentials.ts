import { resultingObject } from '../audit/fields.js';
import type { AuditRule } from '../rule/types.js';
import { credentialsIn } from '../rule/workload-credentials.js';
import { describeRequest, listOf } from '../rule/workload-describe.js';
import { isBuiltIn, isEffectiveWrite, writeVerbs } from '../rule/workload-requests.js';

export const rule: AuditRule = {
  id: 'configmap-credentials',
  title: 'Credentials in a ConfigMap',
  description:
    'A ConfigMap was written holding what looks like a credential: an AWS access key ID, a ' +
    'private key, a password-like key, or a password-like setting inside a config file. ' +
    'ConfigMaps are readable by everyone with read access to the namespace and are not ' +
    'encrypted like Secrets. The alert names the key and setting, never the value.',
  severity: 'medium',
  mitre: ['T1552.007'],
  equivalents: { falco: 'Create/Modify Configmap With Private Credentials' },
  on: { resources: ['configmaps'], verbs: writeVerbs },
  evaluate(event) {
    if (!isEffectiveWrite(event, writeVerbs) || !isBuiltIn(event)) {
      return undefined;
    }
    const object = resultingObject(event);
    const findings = object !== undefined ? credentialsIn(object) : [];
    if (findings.length === 0) {
      return undefined;
    }
    const described = listOf(findings.map(({ key, what }) => `${key} (${what})`));
    return {
      message: `${describeRequest(event)} holding credentials: ${described}`,
      fields: {
        keys: listOf(findings.map(({ key }) => key)),
        found: listOf(findings.map(({ what }) => what)),
      },
    };
  },
};

import { describe, expect, it } from 'vitest';
import { alertSeverityOrder } from '../../core/alert.js';
import type { AuditRule } from '../rule/types.js';
import { rule as adminToDefault } from './admin-to-default-service-account.js';
import { rule as anonymousGranted } from './anonymous-access-granted.js';
import { rule as anonymousRequest } from './anonymous-request.js';
import { rule as attackTool } from './attack-tool.js';
import { rule as clusterAdminBinding } from './cluster-admin-binding.js';
import { rule as execInKubeSystem } from './exec-in-kube-system.js';
import { rule as highPrivilegeRole } from './high-privilege-role.js';
import { rule as maliciousIpCaller } from './malicious-ip-caller.js';
import { rule as podExecRole } from './pod-exec-role.js';
import { rule as podExec } from './pod-exec.js';
import { rule as portForward } from './port-forward.js';
import { rule as secretsListed } from './secrets-listed-cluster-wide.js';
import { rule as serviceAccountInKube } from './service-account-in-kube-namespace.js';
import { rule as systemRoleModified } from './system-role-modified.js';
import { rule as torCaller } from './tor-caller.js';
import { rule as wildcardRole } from './wildcard-role.js';

const accessRules: readonly AuditRule[] = [
  clusterAdminBinding,
  highPrivilegeRole,
  wildcardRole,
  podExecRole,
  anonymousGranted,
  adminToDefault,
  anonymousRequest,
  podExec,
  execInKubeSystem,
  portForward,
  attackTool,
  torCaller,
  maliciousIpCaller,
  secretsListed,
  serviceAccountInKube,
  systemRoleModified,
];

describe('the access rules', () => {
  it('have unique kebab-case ids', () => {
    const ids = accessRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
  });

  it.each(accessRules.map((rule) => [rule.id, rule] as const))(
    '%s carries severity, technique IDs, an index and a description',
    (_id, rule) => {
      expect(alertSeverityOrder).toContain(rule.severity);
      // ATT&CK first; a Microsoft Threat Matrix ID (MS-TA9025) may follow.
      expect(rule.mitre[0]).toMatch(/^T\d{4}(\.\d{3})?$/);
      for (const technique of rule.mitre) {
        expect(technique).toMatch(/^(T\d{4}(\.\d{3})?|MS-TA\d{4})$/);
      }
      expect(rule.on.resources.length).toBeGreaterThan(0);
      expect(rule.on.verbs.length).toBeGreaterThan(0);
      for (const verb of rule.on.verbs) {
        expect(verb).toBe(verb.toLowerCase());
      }
      expect(rule.description.length).toBeGreaterThan(80);
      const { defender, guardduty, falco, ...other } = rule.equivalents;
      expect(other).toEqual({});
      if (defender !== undefined) {
        expect(defender).toMatch(/^K8S_\w+$/);
      }
      if (guardduty !== undefined) {
        expect(guardduty.length).toBeGreaterThan(0);
        for (const finding of guardduty) {
          expect(finding).toMatch(/^\w+:Kubernetes\/[\w.]+$/);
        }
      }
      expect(falco ?? 'none').not.toBe('');
    }
  );

  it('follow the severities of the products they stand in for', () => {
    const severities = Object.fromEntries(accessRules.map((rule) => [rule.id, rule.severity]));
    expect(severities).toEqual({
      'cluster-admin-binding': 'informational',
      'high-privilege-role': 'informational',
      'wildcard-role': 'medium',
      'pod-exec-role': 'medium',
      'anonymous-access-granted': 'high',
      'admin-to-default-service-account': 'high',
      'anonymous-request': 'high',
      'pod-exec': 'low',
      'exec-in-kube-system': 'medium',
      'port-forward': 'low',
      'attack-tool': 'low',
      'tor-caller': 'low',
      'malicious-ip-caller': 'high',
      'secrets-listed-cluster-wide': 'medium',
      'service-account-in-kube-namespace': 'medium',
      'system-role-modified': 'medium',
    });
  });

  it('list every GuardDuty category variant for the per-caller findings', () => {
    expect(anonymousRequest.equivalents.guardduty).toHaveLength(5);
    expect(torCaller.equivalents.guardduty).toContain('Impact:Kubernetes/TorIPCaller');
    expect(maliciousIpCaller.equivalents.guardduty).toHaveLength(10);
    expect(maliciousIpCaller.equivalents.guardduty).toContain(
      'Persistence:Kubernetes/MaliciousIPCaller.Custom'
    );
  });
});

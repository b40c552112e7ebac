import type { Check, CheckResult } from '../../check/types.js';
import type { ResourceRef, Snapshot } from '../../snapshot/types.js';
import { cis } from './catalog.js';
import { grantPath, refLabel, scopeText } from './describe.js';
import { defaultNamespace, rbacModel, type RbacSubject } from './resolve.js';

/**
 * CIS 4.1.5: one result per namespace's `default` ServiceAccount. It fails when a binding names
 * it (directly, or as the user `system:serviceaccount:<ns>:default`; grants it has only as a
 * member of `system:serviceaccounts` and the like are not its own), when its object does not
 * set `automountServiceAccountToken: false`, or when a pod template mounts its token. Pods that
 * run as it without its token are named but pass. Without the object and without any use, the
 * setting is unknown: `manual`.
 *
 * CIS 4.1.6 (tokens mounted only where necessary, per pod) is left to
 * `defender-automount-service-account-token`, which judges every pod template.
 */
export const check: Check = {
  id: 'rbac-default-service-accounts',
  title: 'Default service accounts are not actively used',
  severity: 'medium',
  controls: [cis('4.1.5')],
  remediation:
    "Set automountServiceAccountToken: false on each namespace's default ServiceAccount, remove bindings that name it, and give each workload its own ServiceAccount.",
  run(snapshot: Snapshot): CheckResult[] {
    const model = rbacModel(snapshot);
    const accounts = new Map<string, RbacSubject | undefined>();
    for (const subject of model.subjects) {
      if (subject.kind === 'ServiceAccount' && subject.name === 'default') {
        accounts.set(subject.namespace ?? '', subject);
      }
    }
    const unreadable = new Map(
      model.unreadable
        .filter((item) => item.kind === 'ServiceAccount' && item.ref.name === 'default')
        .map((item) => [item.ref.namespace ?? defaultNamespace, item] as const)
    );
    for (const namespace of [...namespaceNames(snapshot), ...unreadable.keys()]) {
      if (!accounts.has(namespace)) {
        accounts.set(namespace, undefined);
      }
    }
    return [...accounts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([namespace, subject]): CheckResult => {
        const broken = unreadable.get(namespace);
        if (broken !== undefined) {
          return {
            status: 'manual',
            resource: broken.ref,
            reason: `ServiceAccount ${namespace}/default could not be read, so whether it automounts its token is unknown: ${broken.message}`,
          };
        }
        return subject === undefined ? unseen(namespace) : judge(subject);
      });
  },
};

function namespaceNames(snapshot: Snapshot): string[] {
  return snapshot.objects
    .filter((object) => object.kind === 'Namespace' && object.apiVersion === 'v1')
    .map((object) => object.metadata.name);
}

function unseen(namespace: string): CheckResult {
  const resource: ResourceRef = {
    kind: 'ServiceAccount',
    name: 'default',
    namespace,
    apiVersion: 'v1',
  };
  return {
    status: 'manual',
    resource,
    reason: `ServiceAccount ${namespace}/default is not in the snapshot, so whether it automounts its token is unknown; no binding names it and no pod template runs as it`,
  };
}

function judge(subject: RbacSubject): CheckResult {
  const name = `ServiceAccount ${subject.namespace ?? ''}/default`;
  const problems: string[] = [];
  const own = subject.grants;
  if (own.length > 0) {
    const paths = [...new Set(own.map((grant) => `${grantPath(grant)} ${scopeText(grant)}`))];
    problems.push(`bindings name it: ${paths.join('; ')}`);
  }
  const account = subject.account;
  if (account !== undefined && account.automountServiceAccountToken !== false) {
    problems.push(
      `its automountServiceAccountToken is ${account.automountServiceAccountToken === true ? 'true' : 'unset (the token is mounted by default)'}`
    );
  }
  const mounting = subject.workloads.filter((workload) => workload.tokenMounted);
  const idle = subject.workloads.filter((workload) => !workload.tokenMounted);
  if (mounting.length > 0) {
    problems.push(`its token is mounted into ${mounting.map((w) => refLabel(w.ref)).join(', ')}`);
  }
  const unknown =
    account === undefined
      ? ' (its object is not in the snapshot, so its own setting is taken as unset)'
      : '';
  if (problems.length > 0) {
    return {
      status: 'fail',
      resource: subject.ref,
      reason: `${name}: ${problems.join('; ')}${mounting.length > 0 ? unknown : ''}`,
    };
  }
  const setting =
    account === undefined
      ? 'its object is not in the snapshot'
      : 'automountServiceAccountToken is false';
  const runs =
    idle.length > 0
      ? `; ${idle.map((w) => refLabel(w.ref)).join(', ')} ${idle.length === 1 ? 'runs' : 'run'} as it without its token`
      : '';
  return {
    status: 'pass',
    resource: subject.ref,
    reason: `${name}: ${setting}, no binding names it and no pod mounts its token${runs}`,
  };
}

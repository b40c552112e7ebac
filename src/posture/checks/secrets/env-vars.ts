import type { Check, CheckResult } from '../../check/types.js';
import { allContainers, podTemplates } from '../../kube/workloads.js';

/**
 * CIS 4.4.1: a secret in an environment variable leaks into crash dumps, `/proc/<pid>/environ`
 * and every child process; a mounted file does not. One result per pod template, naming each
 * container and variable (`env[DB_PASSWORD] from secret db/password`, `envFrom secret app-env`).
 * Unlike the benchmark's own audit, `envFrom` counts too.
 */
export const check: Check = {
  id: 'secrets-env-vars',
  title: 'Secrets are mounted as files, not passed in environment variables',
  severity: 'medium',
  controls: [{ framework: 'cis-eks-1.8.0', id: '4.4.1' }],
  remediation:
    'Mount the secret as a volume (secret: {secretName: …}) and have the application read the file, instead of env[].valueFrom.secretKeyRef or envFrom[].secretRef.',
  run: (snapshot) =>
    podTemplates(snapshot).map((template): CheckResult => {
      const found: string[] = [];
      for (const { container, list } of allContainers(template.spec)) {
        const where =
          list === 'containers' ? `container ${container.name}` : `${list}[${container.name}]`;
        for (const variable of container.env ?? []) {
          const ref = variable.valueFrom?.secretKeyRef;
          if (ref) {
            found.push(
              `${where}: env[${variable.name}] from secret ${ref.name ?? '(unnamed)'}/${ref.key}`
            );
          }
        }
        for (const source of container.envFrom ?? []) {
          if (source.secretRef) {
            found.push(`${where}: envFrom secret ${source.secretRef.name ?? '(unnamed)'}`);
          }
        }
      }
      return found.length > 0
        ? { status: 'fail', resource: template.ref, reason: found.join('; ') }
        : {
            status: 'pass',
            resource: template.ref,
            reason: 'no secret reaches an environment variable',
          };
    }),
};

import { checks } from '../src/posture/check/api.js';
import { assess } from '../src/posture/assess.js';
import { eksDefaultExceptions } from '../src/posture/exceptions/eks-defaults.js';
import { podTemplates } from '../src/posture/kube/workloads.js';
import { snapshotOf } from '../src/posture/snapshot/build.js';
import type { KubeObject } from '../src/posture/snapshot/types.js';
import { peakRssKb } from './peak-memory.js';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 5);

/**
 * A synthetic cluster of 10,000 objects, shaped like a busy one: 200 namespaces, each with
 * Deployments, CronJobs, bare Pods, Services, ServiceAccounts, Roles, RoleBindings and a
 * NetworkPolicy; cluster roles and bindings on top. A tenth of the workloads break a rule.
 */
function cluster(): KubeObject[] {
  const objects: KubeObject[] = [];
  const meta = (name: string, namespace?: string, labels?: Record<string, string>) => ({
    name,
    ...(namespace ? { namespace } : {}),
    ...(labels ? { labels } : {}),
  });
  const spec = (i: number) => ({
    serviceAccountName: `sa-${i % 3}`,
    securityContext: { runAsNonRoot: i % 10 !== 0, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'app',
        image: `registry.example/app-${i}:1.${i % 7}`,
        ports: [{ containerPort: 8080 }],
        resources: { limits: { cpu: '500m', memory: '256Mi' } },
        securityContext: {
          privileged: i % 10 === 1,
          allowPrivilegeEscalation: i % 10 === 2,
          capabilities: { drop: ['ALL'] },
          readOnlyRootFilesystem: true,
        },
      },
    ],
    ...(i % 10 === 3 ? { hostNetwork: true } : {}),
  });
  for (let n = 0; n < 200 && objects.length < 9_900; n++) {
    const ns = `team-${n}`;
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: meta(ns) });
    for (let i = 0; i < 12; i++) {
      const labels = { app: `app-${i}` };
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta(`app-${i}`, ns, labels),
        spec: { template: { metadata: { labels }, spec: spec(n * 12 + i) } },
      });
      objects.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta(`app-${i}`, ns),
        spec: { type: i === 0 ? 'LoadBalancer' : 'ClusterIP', selector: labels },
      });
    }
    for (let i = 0; i < 3; i++) {
      objects.push({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: meta(`job-${i}`, ns),
        spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: spec(n + i) } } } },
      });
      objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(`sa-${i}`, ns) });
    }
    objects.push({ apiVersion: 'v1', kind: 'Pod', metadata: meta('debug', ns), spec: spec(n) });
    objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta('deployer', ns),
      rules: [
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'update'] },
        ...(n % 5 === 0 ? [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] : []),
      ],
    });
    objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta('deployer', ns),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'deployer' },
      subjects: [
        { kind: 'ServiceAccount', name: 'sa-0', namespace: ns },
        { kind: 'User', name: `dev-${n}@example.com` },
      ],
    });
    if (n % 4 !== 0) {
      objects.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: meta('default-deny', ns),
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      });
    }
  }
  for (let i = 0; objects.length < 10_000; i++) {
    objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: meta(`viewer-${i}`),
      rules: [{ apiGroups: ['*'], resources: ['pods', 'services'], verbs: ['get', 'list'] }],
    });
  }
  return objects;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function main(): void {
  const objects = cluster();
  // A fresh snapshot for each run: pod templates are read once per snapshot and remembered.
  const fresh = () =>
    snapshotOf(
      'bench',
      objects.map((object) => ({ object }))
    );
  const all = [...checks.values()];
  const floor: number[] = [];
  const full: number[] = [];
  let results = 0;
  for (let round = 0; round < rounds + 1; round++) {
    // The floor: read every pod template once, the least any workload check must do.
    let started = performance.now();
    podTemplates(fresh(), []);
    const floorMs = performance.now() - started;
    started = performance.now();
    const assessment = assess(fresh(), {
      checks: all,
      exceptions: eksDefaultExceptions,
      toolVersion: 'bench',
    });
    const fullMs = performance.now() - started;
    results = assessment.results.length;
    if (round > 0) {
      floor.push(floorMs);
      full.push(fullMs);
    }
  }
  const ms = median(full);
  const floorMs = median(floor);
  console.log(
    `\nposture assessment of a synthetic cluster: ${objects.length} objects, ${all.length} checks, ${results} results`
  );
  console.log(`  rounds: ${rounds}, medians, one process (first round unmeasured)`);
  console.log(`  floor (parse every pod template once): ${floorMs.toFixed(0)} ms`);
  console.log(
    `  palisade assess (all checks, EKS exceptions): ${ms.toFixed(0)} ms, ${Math.round((objects.length / ms) * 1000).toLocaleString('en')} objects/s, peak RSS ${(peakRssKb() / 1024).toFixed(0)} MiB`
  );
  console.log(`  ratio assess/floor: ${(ms / floorMs).toFixed(1)}x`);
}

main();

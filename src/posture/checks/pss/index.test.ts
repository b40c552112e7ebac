import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { object, pod, podSpec, snapshot } from '../../../../test/harness/kube-objects.js';
import type { Check } from '../../check/types.js';
import { checks } from './index.js';

const folder = fileURLToPath(new URL('.', import.meta.url));

/** The PSA check IDs of the latest policy version, Baseline then what Restricted adds. */
const baselineIds = [
  'hostNamespaces',
  'privileged',
  'capabilities_baseline',
  'hostPathVolumes',
  'hostPorts',
  'appArmorProfile',
  'seLinuxOptions',
  'procMount_baseline',
  'seccompProfile_baseline',
  'sysctls',
  'windowsHostProcess',
  'hostProbesAndHostLifecycle',
];
const restrictedIds = [
  'restrictedVolumes',
  'allowPrivilegeEscalation',
  'runAsNonRoot',
  'runAsUser',
  'seccompProfile_restricted',
  'capabilities_restricted',
  'procMount_restricted',
];

function idsOf(framework: string): string[] {
  return checks.flatMap((check) =>
    check.controls.filter((control) => control.framework === framework).map((control) => control.id)
  );
}

describe('the PSS family', () => {
  it('has one check per PSA check ID of both levels', () => {
    expect(idsOf('pss-baseline')).toEqual(baselineIds);
    expect(idsOf('pss-restricted')).toEqual([...baselineIds, ...restrictedIds]);
  });

  it('uses unique kebab-case ids with the pss- prefix', () => {
    const ids = checks.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^pss-[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('registers every check file of the folder, by its file name', async () => {
    const files = readdirSync(folder).filter(
      (name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'index.ts'
    );
    const exported: string[] = [];
    for (const file of files) {
      const module = (await import(`./${file.replace(/\.ts$/, '.js')}`)) as { check?: Check };
      if (module.check !== undefined) {
        expect(module.check.id).toBe(`pss-${file.replace(/\.ts$/, '')}`);
        expect(checks).toContain(module.check);
        exported.push(module.check.id);
      }
    }
    expect(exported.sort()).toEqual(checks.map((check) => check.id).sort());
  });

  it('gives every check a title, a remediation and a severity', () => {
    for (const check of checks) {
      expect(check.title.length).toBeGreaterThan(10);
      expect(check.remediation.length).toBeGreaterThan(20);
      expect(['critical', 'high', 'medium', 'low']).toContain(check.severity);
    }
  });

  it('documents every check in the readme table, with its severity', () => {
    const readme = readFileSync(new URL('./readme.md', import.meta.url), 'utf8');
    for (const check of checks) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${check.id}\``));
      expect(row, check.id).toBeDefined();
      expect(row).toContain(check.severity);
    }
  });

  it('judges the templates that parse and skips one that does not', () => {
    const broken = object('Deployment', 'broken', {
      spec: {
        template: {
          spec: { containers: [{ name: 'app', securityContext: { privileged: 'yes' } }] },
        },
      },
    });
    const input = snapshot(broken, pod('fine'));
    for (const check of checks) {
      expect(check.run(input).map((result) => result.resource.name)).toEqual(['fine']);
    }
  });

  it('returns nothing for a snapshot without workloads', () => {
    const input = snapshot(object('ConfigMap', 'settings'), object('Namespace', 'apps'));
    for (const check of checks) {
      expect(check.run(input)).toEqual([]);
    }
  });

  it('parses again when the snapshot gains objects', () => {
    const input = snapshot(pod('first'));
    const [check] = checks;
    expect(check?.run(input)).toHaveLength(1);
    input.objects.push(pod('second', podSpec({ hostPID: true })));
    expect(check?.run(input).map((result) => result.status)).toEqual(['pass', 'fail']);
  });
});

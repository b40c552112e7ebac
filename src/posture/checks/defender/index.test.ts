import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { object, pod, podSpec, snapshot } from '../../../../test/harness/kube-objects.js';
import { checks, defenderChecks } from './index.js';

const folder = fileURLToPath(new URL('.', import.meta.url));

/** Files of the folder that are not checks: shared helpers and the index. */
const helpers = ['capability-names.ts', 'image-references.ts', 'index.ts', 'templates.ts'];

describe('the defender family', () => {
  it('has one check per file, with the file name as its id', () => {
    const files = readdirSync(folder)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .filter((name) => !helpers.includes(name))
      .map((name) => `defender-${name.replace(/\.ts$/, '')}`)
      .sort();
    expect(checks.map(({ id }) => id).sort()).toEqual(files);
    expect(checks).toHaveLength(15);
  });

  it('gives every check a defender control, a title, a severity and a remediation', () => {
    for (const check of checks) {
      expect(check.controls.filter(({ framework }) => framework === 'defender')).toHaveLength(1);
      expect(check.controls.every(({ id }) => /^[a-z0-9.]+(-[a-z0-9]+)*$/.test(id))).toBe(true);
      expect(check.title.length).toBeGreaterThan(0);
      expect(check.remediation.length).toBeGreaterThan(0);
      expect(['critical', 'high', 'medium', 'low']).toContain(check.severity);
    }
    const defenderIds = checks.flatMap(({ controls }) =>
      controls.filter(({ framework }) => framework === 'defender').map(({ id }) => id)
    );
    expect(new Set(defenderIds).size).toBe(15);
  });

  it('passes the configuration to the configurable checks', () => {
    const configured = defenderChecks({
      trustedRegistries: ['registry.example'],
      allowedPorts: [8080],
      allowedHostPaths: [{ pathPrefix: '/var/log', readOnly: false }],
      allowedCapabilities: ['NET_ADMIN'],
    });
    const target = snapshot(
      pod(
        'web',
        podSpec(
          { volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }] },
          {
            image: 'registry.example/web:1',
            ports: [{ containerPort: 8080 }],
            securityContext: { capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] } },
          }
        ),
        'shop'
      )
    );
    const statusOf = (id: string) =>
      configured.find((check) => check.id === id)?.run(target)[0]?.status;
    expect(statusOf('defender-trusted-registries')).toBe('pass');
    expect(statusOf('defender-allowed-ports')).toBe('pass');
    expect(statusOf('defender-host-path')).toBe('pass');
    expect(statusOf('defender-least-capabilities')).toBe('pass');
  });

  it('skips a template that does not parse, and judges the rest', () => {
    const broken = object('Deployment', 'broken', {
      spec: { template: { spec: { containers: [{ name: 7 }] } } },
    });
    const target = snapshot(broken, pod('fine'));
    for (const check of checks.filter(({ id }) => id !== 'defender-default-namespace')) {
      expect(check.run(target).map(({ resource }) => resource.name)).toEqual(['fine']);
    }
  });

  it('returns no results for an empty snapshot', () => {
    for (const check of checks) {
      expect(check.run(snapshot())).toEqual([]);
    }
  });
});

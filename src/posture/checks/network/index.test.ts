import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { snapshot } from '../../../../test/harness/kube-objects.js';
import { checks } from './index.js';

const folder = fileURLToPath(new URL('.', import.meta.url));

/** Files of the folder that are not checks: shared helpers and the index. */
const helpers = [
  'default-deny.ts',
  'exposure.ts',
  'index.ts',
  'label-selector.ts',
  'namespaces.ts',
];

describe('the network family', () => {
  it('has one check per file, with the file name as its id', () => {
    const files = readdirSync(folder)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .filter((name) => !helpers.includes(name))
      .map((name) => `network-${name.replace(/\.ts$/, '')}`)
      .sort();
    expect(checks.map(({ id }) => id).sort()).toEqual(files);
  });

  it('gives every check a title, a severity and a remediation, and only CIS controls', () => {
    for (const check of checks) {
      expect(check.title.length).toBeGreaterThan(0);
      expect(check.remediation.length).toBeGreaterThan(0);
      expect(['critical', 'high', 'medium', 'low']).toContain(check.severity);
      expect(check.controls.every(({ framework }) => framework === 'cis-eks-1.8.0')).toBe(true);
    }
    expect(checks.flatMap(({ controls }) => controls.map(({ id }) => id))).toEqual([
      '4.3.1',
      '4.3.2',
    ]);
  });

  it('judges nothing in a snapshot without Kubernetes objects', () => {
    expect(checks.flatMap((check) => check.run(snapshot()))).toEqual([]);
  });
});

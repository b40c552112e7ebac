/**
 * The detection plugin families (audit rules, event sources, report formats, alert outputs),
 * each tied to its files on disk: a rule written but not registered, registered twice or under
 * another name, or missing from the catalogue fails here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { baselineDetections } from '../../src/detect/analytics/baselines/index.js';
import { burstDetections } from '../../src/detect/analytics/bursts/index.js';
import { detectionFormats } from '../../src/detect/format/api.js';
import { alertOutputs } from '../../src/detect/output/api.js';
import { rules } from '../../src/detect/rule/api.js';
import { eventSources } from '../../src/detect/source/api.js';

const src = fileURLToPath(new URL('../../src/detect/', import.meta.url));

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const text = z.string().trim().min(1);
const fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function');
const Meta = z.object({
  id: kebab,
  title: text,
  description: text,
  severity: z.enum(['critical', 'high', 'medium', 'low', 'informational']),
  mitre: z.array(z.string().regex(/^(T\d{4}(\.\d{3})?|MS-TA\d{4})$/)).min(1),
  equivalents: z.strictObject({
    defender: z
      .string()
      .regex(/^K8S_\w+$/)
      .optional(),
    guardduty: z
      .array(z.string().regex(/^\w+:\w+\/[\w.!]+$/))
      .min(1)
      .optional(),
    falco: text.optional(),
  }),
});
const Rule = Meta.extend({
  on: z.object({ resources: z.array(text).min(1), verbs: z.array(text).min(1) }),
  evaluate: fn,
});

function files(dir: string): string[] {
  return readdirSync(join(src, dir))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => name.slice(0, -3))
    .sort();
}

function folders(dir: string): string[] {
  return readdirSync(join(src, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

describe('audit rules', () => {
  it('registers exactly the files of src/detect/rules/, each exporting the rule named after it', async () => {
    const names = files('rules');
    expect(names.length).toBeGreaterThan(20);
    expect(rules.map((rule) => rule.id).sort()).toEqual(names);
    for (const name of names) {
      const module = (await import(pathToFileURL(join(src, 'rules', `${name}.ts`)).href)) as {
        rule?: unknown;
      };
      expect(module.rule, `rules/${name}.ts is the rule registered`).toBe(
        rules.find((rule) => rule.id === name)
      );
      const parsed = Rule.safeParse(module.rule);
      expect(parsed.success, `rules/${name}.ts: ${parsed.error?.message ?? ''}`).toBe(true);
    }
  });

  it('gives every detection, rule or behaviour, its own id and a row in the catalogue', () => {
    const all = [...rules, ...baselineDetections, ...burstDetections];
    for (const detection of [...baselineDetections, ...burstDetections]) {
      const parsed = Meta.safeParse(detection);
      expect(parsed.success, `${detection.id}: ${parsed.error?.message ?? ''}`).toBe(true);
    }
    const ids = all.map((detection) => detection.id);
    expect(new Set(ids).size).toBe(ids.length);
    const catalogue = readFileSync(join(src, 'rules', 'readme.md'), 'utf8');
    for (const id of ids) {
      expect(catalogue, `rules/readme.md lists ${id}`).toContain(`\`${id}\``);
    }
  });
});

describe('event sources', () => {
  it('registers exactly the folders of src/detect/sources/ (framing aside), with a readme', () => {
    const names = folders('sources').filter((name) => name !== 'split');
    expect(Object.keys(eventSources).sort()).toEqual(names);
    for (const name of names) {
      const source = eventSources[name as keyof typeof eventSources];
      expect(source.name).toBe(name);
      expect(typeof source.run).toBe('function');
      expect(existsSync(join(src, 'sources', name, 'readme.md'))).toBe(true);
    }
  });
});

describe('detection report formats and alert outputs', () => {
  it('registers exactly the folders of src/detect/formats/ and src/detect/outputs/', () => {
    expect([...detectionFormats.keys()].sort()).toEqual(folders('formats'));
    for (const [id, format] of detectionFormats) {
      expect(format.id).toBe(id);
    }
    expect(Object.keys(alertOutputs).sort()).toEqual(folders('outputs'));
  });
});

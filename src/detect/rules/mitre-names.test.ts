import { describe, expect, it } from 'vitest';
import { mitreTechnique } from '../../core/mitre.js';
import { rules } from '../rule/api.js';

describe('the techniques the rules cite', () => {
  it('are all named in the MITRE catalogue the dashboard shows', () => {
    const cited = [...new Set(rules.flatMap((rule) => rule.mitre))];
    expect(cited.length).toBeGreaterThan(10);
    expect(cited.filter((id) => mitreTechnique(id).name === undefined)).toEqual([]);
  });
});

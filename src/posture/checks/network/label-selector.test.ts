import { describe, expect, it } from 'vitest';
import { describeLabels, isEmptySelector, selects } from './label-selector.js';

const labels = { app: 'web', tier: 'front' };

describe('selects', () => {
  it('selects everything with an empty selector, empty labels included', () => {
    expect(selects({}, labels)).toBe(true);
    expect(selects({}, {})).toBe(true);
    expect(selects({ matchLabels: {}, matchExpressions: [] }, {})).toBe(true);
  });

  it('needs every matchLabels pair', () => {
    expect(selects({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(selects({ matchLabels: { app: 'web', tier: 'back' } }, labels)).toBe(false);
    expect(selects({ matchLabels: { app: 'web' } }, {})).toBe(false);
  });

  it('reads In and NotIn, including an absent key', () => {
    const inWeb = { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] };
    const notInWeb = { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] };
    expect(selects(inWeb, labels)).toBe(true);
    expect(selects(inWeb, { app: 'db' })).toBe(false);
    expect(selects(inWeb, {})).toBe(false);
    expect(selects(notInWeb, labels)).toBe(false);
    expect(selects(notInWeb, { app: 'db' })).toBe(true);
    expect(selects(notInWeb, {})).toBe(true);
  });

  it('reads Exists and DoesNotExist, an empty value counting as present', () => {
    const exists = { matchExpressions: [{ key: 'tier', operator: 'Exists' }] };
    const absent = { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] };
    expect(selects(exists, labels)).toBe(true);
    expect(selects(exists, { tier: '' })).toBe(true);
    expect(selects(exists, { app: 'web' })).toBe(false);
    expect(selects(absent, { app: 'web' })).toBe(true);
    expect(selects(absent, { tier: '' })).toBe(false);
  });

  it('ANDs matchLabels and every expression', () => {
    const selector = {
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['front'] },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    };
    expect(selects(selector, labels)).toBe(true);
    expect(selects(selector, { ...labels, canary: 'yes' })).toBe(false);
  });

  it('selects nothing with a requirement the API would reject', () => {
    expect(
      selects({ matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }, labels)
    ).toBe(false);
    expect(selects({ matchExpressions: [{ key: 'app', operator: 'NotIn' }] }, {})).toBe(false);
    expect(
      selects({ matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] }, labels)
    ).toBe(false);
    expect(
      selects({ matchExpressions: [{ key: 'app', operator: 'in', values: ['web'] }] }, labels)
    ).toBe(false);
  });

  it('does not take inherited properties for labels', () => {
    expect(selects({ matchExpressions: [{ key: 'toString', operator: 'Exists' }] }, {})).toBe(
      false
    );
    expect(selects({ matchLabels: { constructor: 'x' } }, {})).toBe(false);
  });
});

describe('isEmptySelector and describeLabels', () => {
  it('tells an empty selector from a narrow one', () => {
    expect(isEmptySelector({})).toBe(true);
    expect(isEmptySelector({ matchLabels: {} })).toBe(true);
    expect(isEmptySelector({ matchLabels: { app: 'web' } })).toBe(false);
    expect(isEmptySelector({ matchExpressions: [{ key: 'a', operator: 'Exists' }] })).toBe(false);
  });

  it('writes labels for reasons', () => {
    expect(describeLabels(labels)).toBe('app=web, tier=front');
    expect(describeLabels({})).toBe('(no labels)');
  });
});

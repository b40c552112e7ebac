import { describe, expect, it } from 'vitest';
import { describeBaseline, describeNew, formatDuration } from './describe.js';

describe('formatDuration', () => {
  it.each([
    [7 * 86_400_000, '7 days'],
    [86_400_000, '1 day'],
    [36 * 3_600_000, '36 hours'],
    [90 * 60_000, '90 minutes'],
    [1_000, '1 second'],
    [1_500, '1500 ms'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('describeBaseline', () => {
  it('lists what was learnt, sorted, and counts past eight', () => {
    const known = new Set(
      Array.from({ length: 11 }, (_, index) => `get pods${String(index).padStart(2, '0')} (shop)`)
    );
    expect(describeBaseline('operations', known, '7 days')).toBe(
      'in 7 days it did: get pods00 (shop), get pods01 (shop), get pods02 (shop), get pods03 (shop), get pods04 (shop), get pods05 (shop), get pods06 (shop), get pods07 (shop) and 3 more'
    );
  });

  it('says so when a behaviour has nothing learnt', () => {
    expect(describeBaseline('execs', new Set(), '7 days')).toBe('in 7 days it exec-ed into no pod');
    expect(describeBaseline('secrets', new Set(), '1 day')).toBe('in 1 day it read no secret');
  });

  it('reads deploys as kind in namespace', () => {
    expect(describeBaseline('deploys', new Set(['jobs ci']), '7 days')).toBe(
      'in 7 days it deployed: jobs in ci'
    );
  });
});

describe('describeNew', () => {
  it('says what was done in words', () => {
    expect(describeNew({ kind: 'secrets', key: 'shop/db' })).toBe('read secret shop/db');
    expect(describeNew({ kind: 'secrets', key: 'shop/*' })).toBe(
      'listed secrets in namespace shop'
    );
    expect(describeNew({ kind: 'secrets', key: '*/*' })).toBe('listed secrets in all namespaces');
    expect(describeNew({ kind: 'execs', key: 'prod' })).toBe(
      'exec-ed into a pod in namespace prod'
    );
    expect(describeNew({ kind: 'deploys', key: 'daemonsets kube-system' })).toBe(
      'deployed daemonsets in namespace kube-system'
    );
    expect(
      describeNew({ kind: 'operations', key: 'create clusterrolebindings (cluster-wide)' })
    ).toBe('did create clusterrolebindings (cluster-wide)');
  });
});

import { describe, expect, it } from 'vitest';
import { releaseOfId } from './release.js';

describe('releaseOfId', () => {
  it.each([
    ['ALAS-2018-1058', { release: '2018.03' }],
    ['ALAS2-2019-1234', { release: '2' }],
    ['ALAS2022-2022-001', { release: '2022' }],
    ['ALAS2023-2023-123', { release: '2023' }],
    ['ALAS2KERNEL-5.10-2022-002', { release: '2', extra: 'kernel-5.10' }],
    ['ALAS2KERNEL-5.4-2022-005', { release: '2', extra: 'kernel-5.4' }],
    ['ALAS2LIVEPATCH-2023-001', { release: '2', extra: 'livepatch' }],
    ['ALAS2ECS-2023-001', { release: '2', extra: 'ecs' }],
    ['ALAS2PYTHON3.8-2023-004', { release: '2', extra: 'python3.8' }],
    ['ALAS2NITRO-ENCLAVES-2022-001', { release: '2', extra: 'nitro-enclaves' }],
  ])('reads %s', (id, expected) => {
    expect(releaseOfId(id)).toEqual(expected);
  });

  it.each([
    '',
    'RHSA-2023:0101',
    'ALAS-2018',
    'ALAS2-23-1',
    'ALAS3-2024-1',
    'ALAS2024-2024-1',
    'ALASKERNEL-2018-1',
    'alas2-2023-1',
    ' ALAS2-2023-1',
    'ALAS2KERNEL--2023-1',
    `ALAS2${'A-'.repeat(100)}2023-1`,
  ])('refuses %j', (id) => {
    expect(releaseOfId(id)).toBeUndefined();
  });

  it('answers quickly for a long hostile id', () => {
    const started = performance.now();
    expect(releaseOfId(`ALAS2A${'-1'.repeat(60)}x`)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(100);
  });
});

import { describe, expect, it } from 'vitest';
import { pod, podSpec } from '../../../../test/harness/kube-objects.js';
import { allowedVolumeSources, check as restrictedVolumes } from './restricted-volumes.js';
import { verdictOf } from './testing/judge.js';

describe('pss-restricted-volumes', () => {
  it('passes a pod without volumes', () => {
    expect(verdictOf(restrictedVolumes, pod('none')).status).toBe('pass');
  });

  it('passes every allowed source', () => {
    const volumes = [...allowedVolumeSources].map((source) => ({
      name: source.toLowerCase(),
      [source]: {},
    }));
    expect(verdictOf(restrictedVolumes, pod('allowed', podSpec({ volumes }))).status).toBe('pass');
  });

  it('passes a volume with no source, which the API server defaults to emptyDir', () => {
    expect(
      verdictOf(restrictedVolumes, pod('defaulted', podSpec({ volumes: [{ name: 'scratch' }] })))
        .status
    ).toBe('pass');
  });

  it('names hostPath and unknown sources, one phrase per volume', () => {
    const spec = podSpec({
      volumes: [
        { name: 'root', hostPath: { path: '/' } },
        { name: 'ok', secret: { secretName: 'tls' } },
        { name: 'block', iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn.x', lun: 0 } },
        { name: 'odd', someFutureSource: { driver: 'x' } },
      ],
    });
    expect(verdictOf(restrictedVolumes, pod('mixed', spec))).toMatchObject({
      status: 'fail',
      reason:
        'volume root: hostPath is not an allowed volume type; volume block: iscsi is not an allowed volume type; volume odd: someFutureSource is not an allowed volume type',
    });
  });

  it('ignores a null source field next to an allowed one', () => {
    const spec = podSpec({ volumes: [{ name: 'cfg', nfs: null, configMap: { name: 'cfg' } }] });
    expect(verdictOf(restrictedVolumes, pod('nulls', spec)).status).toBe('pass');
  });
});

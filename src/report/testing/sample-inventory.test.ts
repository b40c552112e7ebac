import { describe, expect, it } from 'vitest';
import type { OsInfo } from '../../core/os.js';
import { osPackagePurl } from '../../core/purl.js';
import { sampleInventory } from './sample-inventory.js';

describe('sample inventory', () => {
  it('spells every purl the way core/purl.ts does for the package’s home distribution', () => {
    const debian = sampleInventory().os!;
    const home: Record<string, OsInfo> = {
      deb: debian,
      apk: { ...debian, id: 'alpine', versionId: '3.20.3' },
      rpm: { ...debian, id: 'rhel', versionId: '9.4' },
    };
    for (const pkg of sampleInventory().packages) {
      expect(pkg.purl).toBe(osPackagePurl(pkg, home[pkg.type]));
    }
  });
});

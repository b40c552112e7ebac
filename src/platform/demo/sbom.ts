import type { Inventory } from '../../core/inventory.js';
import { comparePackages } from '../../core/inventory.js';
import type { Package } from '../../core/package.js';
import { toolVersion } from '../../core/version.js';
import { sbomOf } from '../scan-pipeline/run-scan.js';
import { purlOf, type DemoImage } from './images.js';

/** What every demo image is built on, so an image with no finding still lists packages. */
const base: readonly Pick<Package, 'name' | 'version'>[] = [
  { name: 'base-files', version: '12.4+deb12u6' },
  { name: 'libc6', version: '2.36-9+deb12u7' },
  { name: 'tzdata', version: '2024a-0+deb12u1' },
];

const locations: Record<DemoImage['findings'][number]['ecosystem'], string> = {
  deb: 'var/lib/dpkg/status',
  npm: 'app/package-lock.json',
  golang: 'usr/local/bin/app',
};

/**
 * The demo image's SBOM, made by the same CycloneDX writer a scan stores: the Debian base and
 * each package a demo finding names. Nothing was pulled, and the notes say so.
 */
export async function demoSbom(image: DemoImage, host: string, at: Date): Promise<string> {
  const deb = (name: string, version: string): Package => ({
    type: 'deb',
    name,
    version,
    licenses: [],
    purl: `pkg:deb/debian/${name}@${encodeURIComponent(version)}?distro=debian-12`,
    location: locations.deb,
  });
  const packages = new Map<string, Package>();
  for (const pkg of [
    ...base.map(({ name, version }) => deb(name, version)),
    ...image.findings.map((finding): Package => ({
      type: finding.ecosystem,
      name: finding.name,
      version: finding.version,
      licenses: [],
      purl: purlOf(finding),
      location: locations[finding.ecosystem],
    })),
  ]) {
    packages.set(pkg.purl, pkg);
  }
  const inventory: Inventory = {
    schemaVersion: 1,
    tool: { name: 'palisade', version: toolVersion },
    createdAt: at.toISOString(),
    artifact: {
      name: `${host}/${image.repository}:${image.tag}`,
      transport: 'registry',
      manifestDigest: image.digest,
      layers: [],
    },
    os: {
      id: 'debian',
      versionId: '12',
      codename: 'bookworm',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
      idLike: [],
      distroless: false,
      source: 'etc/os-release',
    },
    packages: [...packages.values()].sort(comparePackages),
    notes: ['demo data: no image was pulled'],
  };
  return sbomOf(inventory);
}

import { createHash } from 'node:crypto';
import type { Severity } from '../../core/finding.js';

export interface DemoImage {
  repository: string;
  tag: string;
  digest: string;
  findings: {
    id: string;
    name: string;
    version: string;
    severity: Severity;
    fixed?: string;
    ecosystem: 'deb' | 'npm' | 'golang';
    /** As CISA's Known Exploited Vulnerabilities catalog lists the CVE. */
    exploited?: { dateAdded: string; ransomware: boolean };
  }[];
}

/** A digest of the name: stable over seeds, and plainly not a real image's. */
function digestOf(name: string): string {
  return `sha256:${createHash('sha256').update(`palisade demo ${name}`).digest('hex')}`;
}

const images: readonly Omit<DemoImage, 'digest'>[] = [
  {
    repository: 'shop/web',
    tag: '1.4.2',
    findings: [
      {
        id: 'CVE-2024-6387',
        name: 'openssh-client',
        version: '1:9.2p1-2',
        severity: 'high',
        fixed: '1:9.2p1-2+deb12u3',
        ecosystem: 'deb',
      },
      {
        id: 'CVE-2023-44487',
        name: 'nghttp2',
        version: '1.52.0-1',
        severity: 'high',
        fixed: '1.52.0-1+deb12u1',
        ecosystem: 'deb',
        exploited: { dateAdded: '2023-10-10', ransomware: false },
      },
      {
        id: 'CVE-2024-21538',
        name: 'cross-spawn',
        version: '7.0.3',
        severity: 'high',
        fixed: '7.0.5',
        ecosystem: 'npm',
      },
      {
        id: 'CVE-2023-45853',
        name: 'zlib1g',
        version: '1:1.2.13.dfsg-1',
        severity: 'critical',
        ecosystem: 'deb',
      },
    ],
  },
  {
    repository: 'shop/cart',
    tag: '2.0.1',
    findings: [
      {
        id: 'CVE-2024-4067',
        name: 'micromatch',
        version: '4.0.5',
        severity: 'medium',
        fixed: '4.0.8',
        ecosystem: 'npm',
      },
      {
        id: 'CVE-2024-37890',
        name: 'ws',
        version: '8.16.0',
        severity: 'high',
        fixed: '8.17.1',
        ecosystem: 'npm',
      },
    ],
  },
  {
    repository: 'shop/ledger',
    tag: '3.2.0',
    findings: [
      {
        id: 'CVE-2024-24790',
        name: 'stdlib',
        version: '1.22.3',
        severity: 'critical',
        fixed: '1.22.4',
        ecosystem: 'golang',
      },
    ],
  },
  {
    repository: 'ops/node-agent',
    tag: '0.9.3',
    findings: [
      {
        id: 'CVE-2024-45337',
        name: 'golang.org/x/crypto',
        version: '0.21.0',
        severity: 'critical',
        fixed: '0.31.0',
        ecosystem: 'golang',
      },
      {
        id: 'CVE-2023-39325',
        name: 'golang.org/x/net',
        version: '0.14.0',
        severity: 'high',
        fixed: '0.17.0',
        ecosystem: 'golang',
      },
      {
        id: 'CVE-2024-34156',
        name: 'stdlib',
        version: '1.21.4',
        severity: 'high',
        fixed: '1.22.7',
        ecosystem: 'golang',
      },
    ],
  },
  { repository: 'shop/assets', tag: '5.0.0', findings: [] },
];

export function demoImages(): DemoImage[] {
  return images.map((image) => ({
    ...image,
    digest: digestOf(`${image.repository}:${image.tag}`),
  }));
}

export function purlOf(finding: DemoImage['findings'][number]): string {
  switch (finding.ecosystem) {
    case 'deb':
      return `pkg:deb/debian/${finding.name}@${encodeURIComponent(finding.version)}?distro=debian-12`;
    case 'npm':
      return `pkg:npm/${finding.name}@${finding.version}`;
    case 'golang':
      return `pkg:golang/${finding.name}@v${finding.version}`;
  }
}

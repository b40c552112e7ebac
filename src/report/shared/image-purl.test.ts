import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../core/inventory.js';
import { imagePurl } from './image-purl.js';

const digest = `sha256:${'ab'.repeat(32)}`;

function artifact(name: string, transport: string, extra: Partial<Artifact> = {}): Artifact {
  return {
    name,
    transport,
    manifestDigest: digest,
    platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
    layers: [],
    ...extra,
  };
}

describe('imagePurl', () => {
  it.each([
    [
      'docker.io/library/alpine:3.20',
      `pkg:oci/alpine@${digest}?arch=arm64&repository_url=docker.io%2Flibrary%2Falpine&tag=3.20`,
    ],
    [
      'localhost:5000/team/App:v1',
      `pkg:oci/app@${digest}?arch=arm64&repository_url=localhost%3A5000%2Fteam%2FApp&tag=v1`,
    ],
    [
      `ghcr.io/org/tool@${digest}`,
      `pkg:oci/tool@${digest}?arch=arm64&repository_url=ghcr.io%2Forg%2Ftool`,
    ],
    [
      `quay.io/org/tool:1.2@${digest}`,
      `pkg:oci/tool@${digest}?arch=arm64&repository_url=quay.io%2Forg%2Ftool&tag=1.2`,
    ],
  ])('registry %s', (name, expected) => {
    expect(imagePurl(artifact(name, 'registry'))).toBe(expected);
  });

  it('names an OCI layout by its folder and keeps its tag', () => {
    expect(imagePurl(artifact('oci:/images/busybox:1.36', 'oci'))).toBe(
      `pkg:oci/busybox@${digest}?arch=arm64&tag=1.36`
    );
    expect(imagePurl(artifact('oci:/images/busybox/', 'oci'))).toBe(
      `pkg:oci/busybox@${digest}?arch=arm64`
    );
  });

  it('names a docker archive by its file', () => {
    expect(imagePurl(artifact('docker-archive:/tmp/nginx.tar', 'docker-archive'))).toBe(
      `pkg:oci/nginx@${digest}?arch=arm64`
    );
  });

  it('has none without a manifest digest, or for a dir: scan', () => {
    const withoutDigest = artifact('alpine:3.20', 'registry');
    delete withoutDigest.manifestDigest;
    expect(imagePurl(withoutDigest)).toBeUndefined();
    expect(imagePurl(artifact('dir:/rootfs', 'dir'))).toBeUndefined();
  });

  it('leaves out arch when the platform is unknown', () => {
    const noPlatform = artifact('docker.io/library/alpine', 'registry');
    delete noPlatform.platform;
    expect(imagePurl(noPlatform)).toBe(
      `pkg:oci/alpine@${digest}?repository_url=docker.io%2Flibrary%2Falpine`
    );
  });
});

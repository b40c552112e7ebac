import { describe, expect, it } from 'vitest';
import { repositoryOf } from './image-reference.js';

describe('repositoryOf', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx'],
    ['nginx:1.27', 'docker.io/library/nginx'],
    ['xmrig/xmrig:latest', 'docker.io/xmrig/xmrig'],
    ['docker.io/xmrig/xmrig', 'docker.io/xmrig/xmrig'],
    ['docker.io/nginx', 'docker.io/library/nginx'],
    ['index.docker.io/metal3d/xmrig:6', 'docker.io/metal3d/xmrig'],
    ['registry-1.docker.io/library/busybox', 'docker.io/library/busybox'],
    ['ghcr.io/org/tool:v1', 'ghcr.io/org/tool'],
    ['registry.example:5000/team/app:1.2', 'registry.example:5000/team/app'],
    ['localhost/app', 'localhost/app'],
    ['localhost:5000/app:dev', 'localhost:5000/app'],
    [
      'xmrig/xmrig@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      'docker.io/xmrig/xmrig',
    ],
    ['xmrig/xmrig:6.21@sha256:0123', 'docker.io/xmrig/xmrig'],
    [
      '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/web:4',
      '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/web',
    ],
    ['  XMRig/XMRig  ', 'docker.io/xmrig/xmrig'],
  ])('%s is %s', (reference, repository) => {
    expect(repositoryOf(reference)).toBe(repository);
  });

  it.each(['', '/nginx', 'nginx/', 'a//b', ':latest', 'x'.repeat(2000)])(
    '%j names none',
    (text) => {
      expect(repositoryOf(text)).toBeUndefined();
    }
  );
});

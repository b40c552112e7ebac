import { describe, expect, it } from 'vitest';
import { UsageError } from '../../core/errors.js';
import { manifestReference, parseReference, type ImageReference } from './reference.js';

const sha = `sha256:${'a'.repeat(64)}`;
const sha512 = `sha512:${'b'.repeat(128)}`;

const good: [string, Partial<ImageReference>][] = [
  [
    'alpine',
    {
      domain: 'docker.io',
      apiHost: 'registry-1.docker.io',
      repository: 'library/alpine',
      tag: 'latest',
      name: 'docker.io/library/alpine:latest',
    },
  ],
  [
    'alpine:3.20',
    { repository: 'library/alpine', tag: '3.20', name: 'docker.io/library/alpine:3.20' },
  ],
  ['bitnami/redis:7', { domain: 'docker.io', repository: 'bitnami/redis', tag: '7' }],
  ['docker.io/alpine', { apiHost: 'registry-1.docker.io', repository: 'library/alpine' }],
  ['index.docker.io/library/alpine:edge', { domain: 'docker.io', repository: 'library/alpine' }],
  ['registry-1.docker.io/x/y', { domain: 'docker.io', repository: 'x/y' }],
  [
    `alpine@${sha}`,
    { repository: 'library/alpine', digest: sha, name: `docker.io/library/alpine@${sha}` },
  ],
  [
    `alpine:3.20@${sha}`,
    { tag: '3.20', digest: sha, name: `docker.io/library/alpine:3.20@${sha}` },
  ],
  [
    'ghcr.io/org/team/app:v1.2.3',
    {
      domain: 'ghcr.io',
      apiHost: 'ghcr.io',
      repository: 'org/team/app',
      tag: 'v1.2.3',
      name: 'ghcr.io/org/team/app:v1.2.3',
    },
  ],
  [
    'localhost:5000/x',
    { domain: 'localhost:5000', repository: 'x', tag: 'latest', name: 'localhost:5000/x:latest' },
  ],
  ['localhost/x:1', { domain: 'localhost', repository: 'x', tag: '1' }],
  ['127.0.0.1:5000/a/b:c', { domain: '127.0.0.1:5000', apiHost: '127.0.0.1:5000' }],
  ['[::1]:5000/x:t', { domain: '[::1]:5000', repository: 'x', tag: 't' }],
  ['[fe80::1]/x', { domain: '[fe80::1]', repository: 'x', tag: 'latest' }],
  [`my-registry.example.com:443/a_b/c__d/e-f/g.h@${sha512}`, { digest: sha512 }],
  ['example.com/a---b:T_9.x-Y', { repository: 'a---b', tag: 'T_9.x-Y' }],
  ['Example.COM/x', { domain: 'Example.COM', repository: 'x' }],
  ['localhost:5000', { domain: 'docker.io', repository: 'library/localhost', tag: '5000' }],
];

const bad: [string, RegExp][] = [
  ['', /empty/],
  [' alpine', /whitespace/],
  ['Alpine', /lowercase/],
  ['example.com/Team/app', /lowercase/],
  ['alpine:', /not a valid tag/],
  ['alpine:-x', /not a valid tag/],
  [`alpine:${'t'.repeat(129)}`, /not a valid tag/],
  ['alpine:a:b', /./],
  ['alpine@sha256:abc', /not a digest/],
  [`alpine@md5:${'a'.repeat(32)}`, /only lowercase sha256 and sha512/],
  [`alpine@sha256:${'A'.repeat(64)}`, /only lowercase/],
  [`alpine@sha256:${'a'.repeat(63)}`, /only lowercase sha256/],
  ['example.com/', /empty path component/],
  ['example.com//x', /empty path component/],
  ['a//b', /empty path component/],
  ['example.com/x_', /not a valid repository path component/],
  ['example.com/_x', /not a valid repository path component/],
  ['example.com/a___b', /not a valid repository path component/],
  ['-example.com/x', /not a valid registry host/],
  ['example.com:99999/x', /not a valid port/],
  ['example.com:/x', /not a valid port/],
  ['example.com:12ab/x', /not a valid port/],
  ['[::1/x', /not a valid registry host/],
  ['[zz::1]:5000/x', /not a valid registry host/],
  ['@' + sha, /repository name is missing/],
  [`example.com/${'a'.repeat(250)}`, /longer than 255/],
];

describe('parseReference', () => {
  it.each(good)('parses %s', (spec, expected) => {
    expect(parseReference(spec)).toMatchObject(expected);
  });

  it.each(bad)('refuses %j', (spec, message) => {
    expect(() => parseReference(spec)).toThrow(UsageError);
    expect(() => parseReference(spec)).toThrow(message);
  });

  it('names the reference in the error', () => {
    expect(() => parseReference('Bad/Name')).toThrow('invalid image reference "Bad/Name"');
  });

  it('fetches by digest when there is one, by tag otherwise', () => {
    expect(manifestReference(parseReference(`x:1@${sha}`))).toBe(sha);
    expect(manifestReference(parseReference('x:1'))).toBe('1');
    expect(manifestReference(parseReference('x'))).toBe('latest');
  });
});

import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { globMatches, ImageMatcher, parseImageList } from './image-list.js';

function matcherOf(text: string): ImageMatcher {
  return new ImageMatcher(parseImageList(text, 'miners.txt'));
}

describe('miner image lists', () => {
  const matcher = matcherOf(
    [
      '# known miners',
      'xmrig/xmrig',
      'docker.io/metal3d/xmrig   # a popular one',
      'ghcr.io/evil/miner',
      'minerd',
      '',
    ].join('\n')
  );

  it('matches repositories with Docker Hub normalisation, ignoring tag and digest', () => {
    expect(matcher.match('xmrig/xmrig:latest')).toBe('xmrig/xmrig');
    expect(matcher.match('docker.io/xmrig/xmrig@sha256:abcd')).toBe('xmrig/xmrig');
    expect(matcher.match('index.docker.io/xmrig/xmrig:6.21.0')).toBe('xmrig/xmrig');
    expect(matcher.match('metal3d/xmrig')).toBe('docker.io/metal3d/xmrig');
    expect(matcher.match('ghcr.io/evil/miner:v2')).toBe('ghcr.io/evil/miner');
    expect(matcher.match('minerd:1')).toBe('minerd');
    expect(matcher.match('docker.io/library/minerd')).toBe('minerd');
  });

  it('does not match near misses', () => {
    expect(matcher.match('xmrig/xmrig-proxy')).toBeUndefined();
    expect(matcher.match('quay.io/xmrig/xmrig')).toBeUndefined();
    expect(matcher.match('ghcr.io/evil/miner-ui')).toBeUndefined();
    expect(matcher.match('someone/minerd')).toBeUndefined();
    expect(matcher.match('nginx')).toBeUndefined();
    expect(matcher.match('')).toBeUndefined();
  });

  it('matches globs across registries and namespaces', () => {
    const globs = matcherOf('*/xmrig*\nminer-*\ncryptonight/*\n');
    expect(globs.match('quay.io/someone/xmrig:1')).toBe('*/xmrig*');
    expect(globs.match('docker.io/a/b/xmrig-cuda')).toBe('*/xmrig*');
    expect(globs.match('miner-cpu:2')).toBe('miner-*');
    expect(globs.match('cryptonight/anything:1')).toBe('cryptonight/*');
    expect(globs.match('someone/miner-cpu')).toBeUndefined();
    expect(globs.match('ghcr.io/cryptonight/x')).toBeUndefined();
    expect(globs.match('docker.io/library/nginx')).toBeUndefined();
  });

  it('ignores a tag glob in an entry, as the contract example writes it', () => {
    expect(matcherOf('*/xmrig:*').match('docker.io/xmrig/xmrig:6')).toBe('*/xmrig:*');
  });

  it('an empty list matches nothing', () => {
    expect(matcherOf('# none yet\n').match('xmrig/xmrig')).toBeUndefined();
  });

  it.each([
    ['xmrig/xmrig extra', 'not an image repository'],
    ['xmrig/<script>', 'not an image repository'],
    ['/xmrig', 'not an image repository'],
    ['xmrig//xmrig', 'not an image repository'],
    ['*', 'matches every image'],
    ['*/*:*', 'matches every image'],
  ])('refuses %j, naming file and line', (line, problem) => {
    expect(() => parseImageList(`# header\n${line}\n`, 'miners.txt')).toThrow(InputError);
    expect(() => parseImageList(`# header\n${line}\n`, 'miners.txt')).toThrow(
      new RegExp(`^miners\\.txt:2: .*${problem}`)
    );
  });
});

describe('globMatches', () => {
  it('matches * as any run of characters', () => {
    expect(globMatches('a*c', 'abbbc')).toBe(true);
    expect(globMatches('a*c', 'ac')).toBe(true);
    expect(globMatches('a*c', 'abcd')).toBe(false);
    expect(globMatches('*x*y*', 'axbycz')).toBe(true);
    expect(globMatches('*x*y', 'axbycz')).toBe(false);
    expect(globMatches('**', '')).toBe(true);
    expect(globMatches('abc', 'abc')).toBe(true);
    expect(globMatches('abc', 'ab')).toBe(false);
  });

  it('decides a long hostile name against many stars without backtracking blow-up', () => {
    const name = `docker.io/${'a'.repeat(1000)}`;
    expect(globMatches('*a*a*a*a*a*a*a*a*b', name)).toBe(false);
    expect(globMatches('*a*a*a*a*a*a*a*a*', name)).toBe(true);
  });
});

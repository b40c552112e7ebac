import { describe, expect, it } from 'vitest';
import { parseModInfo } from './modinfo.js';

describe('parseModInfo', () => {
  it('reads the main package, the main module, dependencies and replacements', () => {
    const info = parseModInfo(
      [
        'path\texample.com/app/cmd/tool',
        'mod\texample.com/app\tv1.2.0\th1:main=',
        'dep\tgolang.org/x/net\tv0.17.0\th1:net=',
        'dep\texample.com/old\tv1.0.0',
        '=>\texample.com/fork\tv1.0.1\th1:fork=',
        'dep\texample.com/local\tv0.1.0',
        '=>\t../local\t\t',
        'build\t-compiler=gc',
        'build\tCGO_ENABLED=0',
        '',
      ].join('\n')
    );

    expect(info).toEqual({
      path: 'example.com/app/cmd/tool',
      main: { path: 'example.com/app', version: 'v1.2.0' },
      deps: [
        { path: 'golang.org/x/net', version: 'v0.17.0' },
        {
          path: 'example.com/old',
          version: 'v1.0.0',
          replacement: { path: 'example.com/fork', version: 'v1.0.1' },
        },
        {
          path: 'example.com/local',
          version: 'v0.1.0',
          replacement: { path: '../local', version: '' },
        },
      ],
      malformed: 0,
    });
  });

  it('counts a replacement with nothing to replace, a second replacement and a line with no path', () => {
    const info = parseModInfo(
      [
        '=>\texample.com/orphan\tv1.0.0\t',
        'dep\texample.com/a\tv1.0.0\t',
        '=>\texample.com/b\tv1.0.0\t',
        '=>\texample.com/c\tv1.0.0\t',
        'dep\t\tv1.0.0\t',
      ].join('\n')
    );

    expect(info.malformed).toBe(3);
    expect(info.deps).toEqual([
      {
        path: 'example.com/a',
        version: 'v1.0.0',
        replacement: { path: 'example.com/b', version: 'v1.0.0' },
      },
    ]);
  });

  it('skips keys it does not know and reads an empty text as no modules', () => {
    expect(parseModInfo('future\tsomething\nbuild\tx=y\n')).toEqual({ deps: [], malformed: 0 });
    expect(parseModInfo('')).toEqual({ deps: [], malformed: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { fileKind } from './paths.js';

describe('npm file kinds', () => {
  it('takes the package.json at the root of each installed package, at any depth', () => {
    for (const path of [
      'app/node_modules/express/package.json',
      'app/node_modules/@babel/code-frame/package.json',
      'app/node_modules/send/node_modules/debug/node_modules/ms/package.json',
      'usr/lib/node_modules/npm/package.json',
      'usr/lib/node_modules/npm/node_modules/@npmcli/arborist/package.json',
      'node_modules/ipaddr.js/package.json',
      // pnpm's virtual store keeps real folders under node_modules/.pnpm/<id>/node_modules.
      'app/node_modules/.pnpm/lodash@4.17.20/node_modules/lodash/package.json',
    ]) {
      expect(fileKind(path), path).toBe('installed');
    }
  });

  it('refuses package.json files that are not a package root', () => {
    for (const path of [
      'app/package.json',
      'package.json',
      'app/node_modules/tslib/modules/package.json',
      'app/node_modules/@babel/runtime/helpers/esm/package.json',
      'app/node_modules/@babel/package.json',
      'app/node_modules/@/x/package.json',
      'app/node_modules/@babel/@x/package.json',
      'app/node_modules/.bin/package.json',
      'app/node_modules/.cache/x/package.json',
      'app/node_modules/package.json',
      'app/node_modules/x/package.json.bak',
      'app/my_node_modules/x/package.json',
    ]) {
      expect(fileKind(path), path).toBeUndefined();
    }
  });

  it('takes lock files outside node_modules only', () => {
    expect(fileKind('app/package-lock.json')).toBe('package-lock');
    expect(fileKind('npm-shrinkwrap.json')).toBe('package-lock');
    expect(fileKind('srv/web/yarn.lock')).toBe('yarn-lock');
    expect(fileKind('srv/web/pnpm-lock.yaml')).toBe('pnpm-lock');
    expect(fileKind('app/node_modules/x/yarn.lock')).toBeUndefined();
    expect(fileKind('app/node_modules/x/npm-shrinkwrap.json')).toBeUndefined();
    // npm's hidden lock file repeats node_modules; its package.json files are read instead.
    expect(fileKind('app/node_modules/.package-lock.json')).toBeUndefined();
    expect(fileKind('app/package-lock.json.orig')).toBeUndefined();
    expect(fileKind('app/pnpm-lock.yml')).toBeUndefined();
  });

  it('claims no file named like an Object property', () => {
    for (const path of ['constructor', 'app/__proto__', 'srv/toString', 'hasOwnProperty']) {
      expect(fileKind(path)).toBeUndefined();
    }
  });
});

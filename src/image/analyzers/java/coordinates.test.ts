import { describe, expect, it } from 'vitest';
import { cleanName, cleanValue, isMavenId, isReverseDomain, mavenName } from './coordinates.js';

describe('mavenName', () => {
  it('joins group and artifact, and lets the artifact stand for a missing group', () => {
    expect(mavenName({ group: 'org.example', artifact: 'greeting', version: '1' })).toBe(
      'org.example:greeting'
    );
    expect(mavenName({ artifact: 'commons-thing', version: '2.4.1' })).toBe(
      'commons-thing:commons-thing'
    );
  });
});

describe('values', () => {
  it('trims, and refuses empty, overlong and control-character values', () => {
    expect(cleanValue('  1.0 ')).toBe('1.0');
    expect(cleanValue('   ')).toBeUndefined();
    expect(cleanValue(undefined)).toBeUndefined();
    expect(cleanValue('x'.repeat(257))).toBeUndefined();
    expect(cleanValue('1.0\u0000evil')).toBeUndefined();
  });

  it('refuses a name holding the colon that splits Maven names', () => {
    expect(cleanName('Commons: Lang')).toBeUndefined();
    expect(cleanName('Apache Commons Lang')).toBe('Apache Commons Lang');
  });

  it('tells Maven ids and reverse domains apart', () => {
    expect(isMavenId('commons-io')).toBe(true);
    expect(isMavenId('Pivotal Software')).toBe(false);
    expect(isReverseDomain('org.apache.commons')).toBe(true);
    expect(isReverseDomain('commons-io')).toBe(false);
    expect(isReverseDomain('Org.apache')).toBe(false);
    expect(isReverseDomain('org.')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { mitreTechnique } from './mitre.js';

describe('mitreTechnique', () => {
  it('names an ATT&CK sub-technique and links its page', () => {
    expect(mitreTechnique('T1552.007')).toEqual({
      id: 'T1552.007',
      name: 'Unsecured Credentials: Container API',
      url: 'https://attack.mitre.org/techniques/T1552/007/',
    });
  });

  it('names a Threat Matrix technique without an ATT&CK link', () => {
    expect(mitreTechnique('MS-TA9006')).toEqual({ id: 'MS-TA9006', name: 'Exec into container' });
  });

  it('keeps an unknown ID as it is, with no name', () => {
    expect(mitreTechnique('T9999')).toEqual({
      id: 'T9999',
      url: 'https://attack.mitre.org/techniques/T9999/',
    });
    expect(mitreTechnique('not-an-id')).toEqual({ id: 'not-an-id' });
  });
});

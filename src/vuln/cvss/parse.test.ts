import { describe, expect, it } from 'vitest';
import { InvalidCvssVectorError } from './errors.js';
import { parseCvss, severityFromCvss } from './parse.js';

const v31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const v30 = 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H';
const v40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
const v2 = 'AV:N/AC:L/Au:N/C:P/I:P/A:P';

/** The reason `parseCvss` gives for refusing a vector; fails the test if it accepts it. */
function reasonFor(vector: string): string {
  try {
    parseCvss(vector);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidCvssVectorError);
    expect(error).toBeInstanceOf(Error);
    return (error as InvalidCvssVectorError).reason;
  }
  throw new Error(`accepted ${vector}`);
}

describe('parseCvss', () => {
  it('tells the version from the prefix, and v2 from its metrics', () => {
    expect(parseCvss(v31)).toEqual({
      version: '3.1',
      vector: v31,
      baseScore: 9.8,
      severity: 'critical',
    });
    expect(parseCvss(v30).version).toBe('3.0');
    expect(parseCvss(v40).version).toBe('4.0');
    expect(parseCvss(v2).version).toBe('2.0');
  });

  it('trims surrounding white space and returns the trimmed vector', () => {
    expect(parseCvss(`  ${v31}\n`).vector).toBe(v31);
  });

  it('carries the vector and the reason on the error', () => {
    const vector = 'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
    expect(() => parseCvss(vector)).toThrow(InvalidCvssVectorError);
    expect(() => parseCvss(vector)).toThrow(/^invalid CVSS vector "CVSS:3\.1\/AV:X.*": bad value/);
    try {
      parseCvss(vector);
    } catch (error) {
      expect(error).toMatchObject({ name: 'InvalidCvssVectorError', vector });
    }
  });
});

describe('parseCvss errors', () => {
  it.each([
    ['CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /^wrong prefix "CVSS:3\.2\/"/],
    ['CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P', /^wrong prefix "CVSS:2\.0\/"/],
    ['CVSS:/AV:N', /^wrong prefix "CVSS:\/"/],
    ['CVSS:3.1', /^wrong prefix/],
    ['cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /^wrong prefix/],
    ['AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /^wrong prefix.*not a CVSS v2 vector/],
    ['', /^wrong prefix/],
    ['   ', /^wrong prefix/],
  ])('refuses %j: wrong or missing prefix', (vector, reason) => {
    expect(reasonFor(vector)).toMatch(reason);
  });

  it.each([
    [`${v31}/XX:N`, 'unknown metric "XX"'],
    [`${v31}/AT:N`, 'unknown metric "AT"'],
    [`${v40}/C:H`, 'unknown metric "C"'],
    [`${v40}/__proto__:X`, 'unknown metric "__proto__"'],
    [`${v2}/AT:N`, 'unknown metric "AT"'],
    ['CVSS:3.1/av:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'unknown metric "av"'],
  ])('refuses %s: unknown metric', (vector, reason) => {
    expect(reasonFor(vector)).toBe(reason);
  });

  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', 'missing mandatory metric A'],
    ['CVSS:3.1/AV:N/AC:L', 'missing mandatory metrics PR, UI, S, C, I, A'],
    ['CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'missing mandatory metric AT'],
    ['CVSS:4.0/E:A/AV:N', 'missing mandatory metrics AC, AT, PR, UI, VC, VI, VA, SC, SI, SA'],
    ['AV:N/AC:L/Au:N/C:P/I:P', 'missing mandatory metric A'],
  ])('refuses %s: missing mandatory metric', (vector, reason) => {
    expect(reasonFor(vector)).toBe(reason);
  });

  it.each([
    [`${v31}/AV:N`, 'duplicate metric "AV"'],
    [`${v31}/E:X/E:X`, 'duplicate metric "E"'],
    [`${v40}/E:A/E:A`, 'duplicate metric "E"'],
    [`${v2}/Au:N`, 'duplicate metric "Au"'],
  ])('refuses %s: duplicate metric', (vector, reason) => {
    expect(reasonFor(vector)).toBe(reason);
  });

  it.each([
    ['CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /^bad value "X" for metric AV/],
    ['CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /^bad value "n" for metric AV/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:', /^bad value "" for metric A/],
    [`${v31}/E:A`, /^bad value "A" for metric E/],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N', /^bad value "S" for/],
    [`${v40}/U:red`, /^bad value "red" for metric U/],
    [`${v40}/E:X:X`, /^bad value "X:X" for metric E/],
    ['AV:N/AC:L/Au:N/C:H/I:P/A:P', /^bad value "H" for metric C \(expected one of N, P, C\)/],
  ])('refuses %s: bad value', (vector, reason) => {
    expect(reasonFor(vector)).toMatch(reason);
  });

  it.each([
    [`${v31}/`, 'empty component'],
    ['CVSS:3.1//AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'empty component'],
    [`${v40}/E`, 'component without a value: "E"'],
    [`(${v2})`, 'unknown metric "(AV"'],
  ])('refuses %s: malformed component', (vector, reason) => {
    expect(reasonFor(vector)).toBe(reason);
  });
});

describe('severityFromCvss', () => {
  it('prefers 4.0 over 3.1 over 3.0 over 2.0, whatever the order given', () => {
    expect(severityFromCvss([v2, v30, v31, v40])).toEqual({
      version: '4.0',
      score: 9.3,
      severity: 'critical',
      vector: v40,
    });
    expect(severityFromCvss([v2, v30, v31])).toMatchObject({ version: '3.1', score: 9.8 });
    expect(severityFromCvss([v2, v30])).toMatchObject({ version: '3.0', score: 8.8 });
    expect(severityFromCvss([v2])).toEqual({
      version: '2.0',
      score: 7.5,
      severity: 'high',
      vector: v2,
    });
  });

  it('skips invalid vectors, even of a newer version', () => {
    const badV4 = v40.replace('AV:N', 'AV:Q');
    expect(severityFromCvss([badV4, 'garbage', v30])).toMatchObject({ version: '3.0' });
  });

  it('takes the first listed of the newest version', () => {
    const other = 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H';
    expect(severityFromCvss([other, v31])).toMatchObject({ vector: other, score: 7.8 });
  });

  it('uses the v4.0 base score, not the threat-adjusted one', () => {
    expect(severityFromCvss([`${v40}/E:U`])).toMatchObject({ score: 9.3, severity: 'critical' });
  });

  it('returns undefined when no vector is valid', () => {
    expect(severityFromCvss([])).toBeUndefined();
    expect(severityFromCvss(['', 'CVSS:3.1/AV:N'])).toBeUndefined();
  });
});

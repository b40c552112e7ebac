import { describe, expect, it } from 'vitest';
import { pomProperties } from '../../../../test/harness/java-archives.js';
import { parseProperties, pomCoordinates, pomPropertiesPathParts } from './pom-properties.js';

const parse = (text: string): Map<string, string> => parseProperties(Buffer.from(text, 'latin1'));
const fromPath = { group: 'g.from.path', artifact: 'a-from-path' };

describe('parseProperties', () => {
  it('reads what Maven writes', () => {
    expect([...parse(pomProperties('org.example', 'greeting', '1.0.0'))]).toEqual([
      ['groupId', 'org.example'],
      ['artifactId', 'greeting'],
      ['version', '1.0.0'],
    ]);
  });

  it('accepts =, : and whitespace as separators, with space around them', () => {
    const properties = parse('a=1\nb: 2\nc 3\n  d  =  4  \ne\tf\ng=\n');

    expect([...properties]).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['d', '4  '],
      ['e', 'f'],
      ['g', ''],
    ]);
  });

  it('skips # and ! comments and blank lines, also with CR and CRLF line ends', () => {
    expect([...parse('# comment\r\n! also\r\n\r\nversion=1\rname=x\r')]).toEqual([
      ['version', '1'],
      ['name', 'x'],
    ]);
  });

  it('joins lines ending in an odd number of backslashes, dropping the next line’s indent', () => {
    const properties = parse('version=1.\\\n    2.\\\n\t3\npath=c:\\\\\nnext=x\n');

    expect(properties.get('version')).toBe('1.2.3');
    expect(properties.get('path')).toBe('c:\\');
    expect(properties.get('next')).toBe('x');
  });

  it('does not let a comment continue onto the next line', () => {
    expect([...parse('# a comment \\\nversion=1\n')]).toEqual([['version', '1']]);
  });

  it('unescapes keys and values, \\u escapes included, and reads ISO-8859-1', () => {
    const properties = parseProperties(
      Buffer.concat([
        Buffer.from('key\\=with\\:colon=v\\u00e9rsion\\t1\nname='),
        Buffer.from([0xe9]),
        Buffer.from('\n'),
      ])
    );

    expect(properties.get('key=with:colon')).toBe('vérsion\t1');
    expect(properties.get('name')).toBe('é');
  });
});

describe('pomCoordinates', () => {
  it('names the artifact the file declares', () => {
    expect(
      pomCoordinates(parse(pomProperties('org.example', 'greeting', '1.0.0')), fromPath)
    ).toEqual({
      group: 'org.example',
      artifact: 'greeting',
      version: '1.0.0',
    });
  });

  it('takes a missing group or artifact id from the path', () => {
    expect(pomCoordinates(parse('version=2\n'), fromPath)).toEqual({
      ...fromPath,
      version: '2',
    });
  });

  it('names nothing without a version, and says why', () => {
    expect(pomCoordinates(parse('groupId=g\nartifactId=a\n'), fromPath)).toBe(
      'it has no usable version'
    );
    expect(pomCoordinates(parse('groupId=g\nartifactId=a\nversion=\n'), fromPath)).toBe(
      'it has no usable version'
    );
  });

  it('refuses ids that no Maven coordinate could have', () => {
    expect(pomCoordinates(parse('groupId=a group\nartifactId=a\nversion=1\n'), fromPath)).toBe(
      'its group or artifact id is not a Maven id'
    );
  });
});

describe('pomPropertiesPathParts', () => {
  it.each([
    [
      'META-INF/maven/org.example/greeting/pom.properties',
      { group: 'org.example', artifact: 'greeting' },
    ],
    ['META-INF/maven/org.example/pom.properties', undefined],
    ['META-INF/maven/a/b/c/pom.properties', undefined],
    ['BOOT-INF/classes/META-INF/maven/g/a/pom.properties', undefined],
    ['META-INF/maven/g/a/pom.xml', undefined],
  ])('%s', (path, expected) => {
    expect(pomPropertiesPathParts(path)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { analyzer, isMetadataPath, normalizeName } from './index.js';

const metadata = `Metadata-Version: 2.1
Name: Charset_Normalizer
Version: 3.0.1
Summary: The Real First Universal Charset Detector.
License: MIT
Classifier: License :: OSI Approved :: MIT License
Requires-Python: >=3.6
Description-Content-Type: text/markdown
License-File: LICENSE

# Charset Detection

Name: not-a-header
Version: 0.0.0
`;

async function analyze(path: string, content: string): Promise<unknown> {
  return analyzer.analyze({ path, content: Buffer.from(content) });
}

describe('python analyzer', () => {
  it('wants dist-info METADATA, egg-info PKG-INFO or file, and EGG-INFO inside an egg', () => {
    for (const path of [
      'usr/lib/python3/dist-packages/charset_normalizer-3.0.1.dist-info/METADATA',
      'usr/local/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA',
      'opt/venv/lib/python3.11/site-packages/six-1.16.0.egg-info/PKG-INFO',
      'usr/lib/python3/dist-packages/python_apt-2.6.0.egg-info',
      'usr/lib/python2.7/site-packages/foo-1.0-py2.7.egg/EGG-INFO/PKG-INFO',
      'x.dist-info/METADATA',
    ]) {
      expect(analyzer.wants(path), path).toBe(true);
    }
    for (const path of [
      'usr/lib/python3/dist-packages/requests-2.31.0.dist-info/RECORD',
      'usr/lib/python3/dist-packages/.dist-info/METADATA',
      'usr/lib/python3/dist-packages/foo/METADATA',
      'usr/lib/python3/dist-packages/.egg-info',
      'srv/app/EGG-INFO/PKG-INFO',
      'srv/app/PKG-INFO',
      'usr/share/doc/foo.egg-info.txt',
    ]) {
      expect(isMetadataPath(path), path).toBe(false);
    }
  });

  it('normalises names as PEP 503 does', () => {
    expect(normalizeName('Charset_Normalizer')).toBe('charset-normalizer');
    expect(normalizeName('zope.interface')).toBe('zope-interface');
    expect(normalizeName('Foo-_.-Bar')).toBe('foo-bar');
    expect(normalizeName('requests')).toBe('requests');
  });

  it('reads name, version and licence from the header and ignores the description body', async () => {
    expect(
      await analyze(
        'usr/lib/python3/dist-packages/charset_normalizer-3.0.1.dist-info/METADATA',
        metadata
      )
    ).toEqual({
      packages: [{ type: 'pypi', name: 'charset-normalizer', version: '3.0.1', licenses: ['MIT'] }],
    });
  });

  it('reads a distutils egg-info file and keeps the version as written', async () => {
    const result = await analyze(
      'usr/lib/python3/dist-packages/python_apt-2.6.0.egg-info',
      'Metadata-Version: 1.1\nName: python-apt\nVersion: 2.6.0+b1\nLicense: GNU GPL\n'
    );

    expect(result).toEqual({
      packages: [{ type: 'pypi', name: 'python-apt', version: '2.6.0+b1', licenses: ['GNU GPL'] }],
    });
  });

  it('refuses a header without a Name or a Version, naming the path and the field', async () => {
    const path = 'srv/venv/lib/python3.11/site-packages/broken-1.0.dist-info/METADATA';

    await expect(analyze(path, 'Metadata-Version: 2.1\nVersion: 1.0\n')).rejects.toThrow(
      new InputError(`${path}: no Name field in the metadata header`)
    );
    await expect(analyze(path, 'Metadata-Version: 2.1\nName: broken\n')).rejects.toThrow(
      new InputError(`${path}: no Version field in the metadata header`)
    );
    // The fields after the blank line are the description, not the header.
    await expect(analyze(path, 'Metadata-Version: 2.1\n\nName: x\nVersion: 1\n')).rejects.toThrow(
      /no Name field/
    );
    // Binary garbage has no header at all.
    await expect(analyze(path, '\u0000\u0001\u0002PK')).rejects.toBeInstanceOf(InputError);
  });

  it('refuses a name or version no installer could have written, quoting it short', async () => {
    const path = 'a-1.dist-info/METADATA';

    await expect(analyze(path, 'Name: -bad name\nVersion: 1\n')).rejects.toThrow(
      `${path}: Name "-bad name" is not a Python project name`
    );
    await expect(analyze(path, `Name: ${'a b'.repeat(40)}\nVersion: 1\n`)).rejects.toThrow(
      /Name "(a b){20}…" is not/
    );
    await expect(analyze(path, 'Name: ok\nVersion: 1.0\n  continued\n')).rejects.toThrow(
      `${path}: Version "1.0\\ncontinued" is not a version`
    );
  });

  it('is a language analyzer: faults become notes, and the body may be large', () => {
    expect(analyzer.id).toBe('python');
    expect(analyzer.onUnreadable).toBe('note');
    expect(analyzer.maxFileSize).toBe(16 * 1024 * 1024);
  });
});

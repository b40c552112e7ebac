import { describe, expect, it } from 'vitest';
import { readHeaders } from './headers.js';
import { declaredLicenses } from './licenses.js';

const licensesOf = (header: string): string[] => declaredLicenses(readHeaders(header));

describe('declared Python licences', () => {
  it('prefers License-Expression (metadata 2.4) over License and classifiers', () => {
    expect(
      licensesOf(
        'License-Expression: MIT OR Apache-2.0\nLicense: MIT\nClassifier: License :: OSI Approved :: MIT License\n'
      )
    ).toEqual(['MIT OR Apache-2.0']);
  });

  it('takes a short one-line License field as written', () => {
    expect(
      licensesOf(
        'License: Apache 2.0\nClassifier: License :: OSI Approved :: Apache Software License\n'
      )
    ).toEqual(['Apache 2.0']);
  });

  it('falls back to the licence classifiers when License is absent, UNKNOWN or a whole text', () => {
    const classifiers =
      'Classifier: Programming Language :: Python\n' +
      'Classifier: License :: OSI Approved :: MIT License\n' +
      'Classifier: License :: Public Domain\n' +
      'Classifier: License :: OSI Approved :: MIT License\n';
    const text = `License: Copyright (c) 2020 Someone\n        Permission is hereby granted, free of charge\n`;

    expect(licensesOf(classifiers)).toEqual(['MIT License', 'Public Domain']);
    expect(licensesOf(`License: UNKNOWN\n${classifiers}`)).toEqual([
      'MIT License',
      'Public Domain',
    ]);
    expect(licensesOf(`${text}${classifiers}`)).toEqual(['MIT License', 'Public Domain']);
    expect(licensesOf(`License: ${'x'.repeat(121)}\n${classifiers}`)).toEqual([
      'MIT License',
      'Public Domain',
    ]);
  });

  it('gives none when nothing names a licence', () => {
    expect(licensesOf('Name: x\nClassifier: License :: OSI Approved\n')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { copyrightLicenses, spdxName } from './parse.js';

/** Shaped like the copyright files of bash, perl and util-linux in Debian bookworm. */
const machineReadable = `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: example
Upstream-Contact: Jane Doe <jane@example.org>
Source: https://example.org/releases/
License: GPL-2+
Comment:
 This paragraph is the header; its License field covers the work as a whole.
 .
 License: MIT written in a comment's continuation line is not a field.

Files: *
Copyright: 1999-2023 Jane Doe
License: GPL-2+

Files: lib/*
Copyright: 2004 John Roe
 2010 Example Corp.
License: LGPL-2.1+

Files: contrib/perl/*
Copyright: 1995 Larry Wall
license: GPL-1+ or Artistic

Files: lib/md5.c
Copyright: none
License: public-domain
 This code is in the public domain; do with it what you wish.

# Files imported from another project; kept for reference.
Files: compat/strlcpy.c compat/strlcat.c
Copyright: 1998 Todd C. Miller
License: ISC and/or BSD-3-clause

Files: tools/json.js
Copyright: 2012 Someone
License: Expat

Files: parser/y.tab.c
Copyright: 1984-2021 Free Software Foundation, Inc.
License: GPL-3+ with Bison exception

Files: debian/*
Copyright: 2020 Debian Maintainer
License: LGPL-3+ or GPL-2+

License: GPL-2+
 This program is free software; you can redistribute it and/or modify
 it under the terms of the GNU General Public License as published by
 the Free Software Foundation; either version 2 of the License, or
 (at your option) any later version.
 .
 On Debian systems, the complete text of the GNU General Public
 License version 2 can be found in "/usr/share/common-licenses/GPL-2".

License: LGPL-2.1+
 On Debian systems, see /usr/share/common-licenses/LGPL-2.1.

License: Artistic
 On Debian systems, see /usr/share/common-licenses/Artistic.

License: BSD-3-clause
 Redistribution and use in source and binary forms, with or without
 modification, are permitted provided that the following conditions
 are met:
`;

describe('copyrightLicenses on machine-readable (DEP-5) files', () => {
  it('lists each licence the License fields name once, in first-seen order, as SPDX ids where certain', () => {
    expect(copyrightLicenses(machineReadable)).toEqual([
      'GPL-2.0-or-later',
      'LGPL-2.1-or-later',
      'GPL-1.0-or-later',
      'Artistic',
      'public-domain',
      'ISC',
      'BSD-3-Clause',
      'MIT',
      'GPL-3+ with Bison exception',
      'LGPL-3.0-or-later',
    ]);
  });

  it('ignores common-licenses pointers in a machine-readable file: its fields say more', () => {
    expect(copyrightLicenses(machineReadable)).not.toContain('GPL-2');
  });

  it('splits expressions with commas, underscores and mixed case operators', () => {
    const text = [
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
      '',
      'Files: *',
      'License: GPL-1+ or Artistic, and Expat',
      '',
      'Files: a',
      'License: LGPLv3+_or_GPLv2+',
      '',
      'Files: b',
      'License: MPL-1.1 OR GPL-2+ or LGPL-2.1+',
      '',
      'Files: c',
      'License: REGCOMP, and GPL-1+ or Artistic',
    ].join('\r\n');

    expect(copyrightLicenses(text)).toEqual([
      'GPL-1.0-or-later',
      'Artistic',
      'MIT',
      'LGPL-3.0-or-later',
      'GPL-2.0-or-later',
      'MPL-1.1',
      'LGPL-2.1-or-later',
      'REGCOMP',
    ]);
  });

  it('skips a License field whose first line is empty, and reads the old Format-Specification header', () => {
    const text = `Format-Specification: http://svn.debian.org/wsvn/dep/web/deps/dep5.mdwn?op=file&rev=135
Name: old-style

Files: *
Copyright: 2008 Someone
License:
 Permission is hereby granted, free of charge, to any person obtaining
 a copy of this software.

Files: x
License:   Zlib   
`;

    expect(copyrightLicenses(text)).toEqual(['Zlib']);
  });

  it('finds nothing in a machine-readable file without License fields', () => {
    expect(copyrightLicenses('Format: https://example.org/copyright-format/1.0/\n')).toEqual([]);
  });
});

describe('copyrightLicenses on free-text files', () => {
  it('takes the licence texts it points to in /usr/share/common-licenses, as named there', () => {
    // Shaped like libc6's copyright in Debian bookworm.
    const text = `This is the Debian prepackaged version of the GNU C Library version 2.36.

It was put together by the GNU Libc Maintainers <debian-glibc@lists.debian.org>
from https://ftp.gnu.org/gnu/glibc/

  The GNU C Library is free software; you can redistribute it and/or
  modify it under the terms of the GNU Lesser General Public
  License as published by the Free Software Foundation; either
  version 2.1 of the License, or (at your option) any later version.

  On Debian systems, the complete text of the GNU Library
  General Public License can be found in \`/usr/share/common-licenses/LGPL-2.1'.

  Some utilities are under the GNU General Public License; its text is in
  /usr/share/common-licenses/GPL-2. The Apache licence is in
  /usr/share/common-licenses/Apache-2.0, and again /usr/share/common-licenses/LGPL-2.1.

License: The main library is licensed under the GNU Lesser General Public License
`;

    expect(copyrightLicenses(text)).toEqual(['LGPL-2.1', 'GPL-2', 'Apache-2.0']);
  });

  it('ignores pointers to files Debian does not ship there, and the bare directory', () => {
    const text = `The licences live in /usr/share/common-licenses/ .
See /usr/share/common-licenses/GPL-2.0-or-whatever and /usr/share/common-licenses/README.
`;

    expect(copyrightLicenses(text)).toEqual([]);
  });

  it('finds nothing in prose without pointers, whatever it says', () => {
    const text = `This package was debianized by Someone <someone@example.org>.

Copyright (C) 2001 Someone. Licensed under the MIT License.
License: MIT
`;

    expect(copyrightLicenses(text)).toEqual([]);
  });

  it('finds nothing in an empty file or binary junk', () => {
    expect(copyrightLicenses('')).toEqual([]);
    expect(copyrightLicenses('\x00\x01\x02Format: x')).toEqual([]);
  });
});

describe('spdxName', () => {
  it.each([
    ['GPL-2+', 'GPL-2.0-or-later'],
    ['GPL-2', 'GPL-2.0-only'],
    ['GPL-2.0+', 'GPL-2.0-or-later'],
    ['GPL-3.0', 'GPL-3.0-only'],
    ['GPLv3+', 'GPL-3.0-or-later'],
    ['LGPL-2.1+', 'LGPL-2.1-or-later'],
    ['LGPL-2', 'LGPL-2.0-only'],
    ['LGPLv2.1+', 'LGPL-2.1-or-later'],
    ['AGPL-3+', 'AGPL-3.0-or-later'],
    ['GFDL-1.3+', 'GFDL-1.3-or-later'],
    ['BSD-3-clause', 'BSD-3-Clause'],
    ['BSD-2-Clause', 'BSD-2-Clause'],
    ['Expat', 'MIT'],
    ['zlib', 'Zlib'],
    ['Apache-2.0', 'Apache-2.0'],
    ['Apache-2', 'Apache-2.0'],
    ['CC0-1.0', 'CC0-1.0'],
  ])('maps %s to %s', (name, id) => {
    expect(spdxName(name)).toBe(id);
  });

  it.each([
    'Artistic',
    'GPL',
    'LGPL',
    'Apache',
    'BSD-4-clause-UC',
    'GFDL-NIV-1.3',
    'GPL-4+',
    'GFDL-1',
    'public-domain',
    'GPL-2+ with OpenSSL exception',
    'permissive',
  ])('keeps %s as it is', (name) => {
    expect(spdxName(name)).toBe(name);
  });
});

import { analyzer as apk } from '../analyzers/apk/index.js';
import { analyzer as dpkg } from '../analyzers/dpkg/index.js';
import { analyzer as dpkgCopyright } from '../analyzers/dpkg-copyright/index.js';
import { analyzer as dotnet } from '../analyzers/dotnet/index.js';
import { analyzer as go } from '../analyzers/go/index.js';
import { analyzer as java } from '../analyzers/java/index.js';
import { analyzer as npm } from '../analyzers/npm/index.js';
import { analyzer as osRelease } from '../analyzers/os-release/index.js';
import { analyzer as php } from '../analyzers/php/index.js';
import { analyzer as python } from '../analyzers/python/index.js';
import { analyzer as rpm } from '../analyzers/rpm/index.js';
import { analyzer as ruby } from '../analyzers/ruby/index.js';
import { analyzer as rust } from '../analyzers/rust/index.js';
import type { Analyzer } from './types.js';

/** Every layer analyzer, by id. Adding one is one import and one line here. */
export const analyzers: ReadonlyMap<string, Analyzer> = new Map(
  [osRelease, dpkg, dpkgCopyright, apk, rpm, python, ruby, dotnet, php, go, rust, java, npm].map(
    (analyzer) => [analyzer.id, analyzer]
  )
);

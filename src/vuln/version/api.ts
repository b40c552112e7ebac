import { scheme as apk } from '../versions/apk/index.js';
import { scheme as composer } from '../versions/composer/index.js';
import { scheme as dpkg } from '../versions/dpkg/index.js';
import { scheme as go } from '../versions/go/index.js';
import { scheme as maven } from '../versions/maven/index.js';
import { scheme as nuget } from '../versions/nuget/index.js';
import { scheme as pep440 } from '../versions/pep440/index.js';
import { scheme as rpm } from '../versions/rpm/index.js';
import { scheme as rubygems } from '../versions/rubygems/index.js';
import { scheme as semver } from '../versions/semver/index.js';
import type { VersionScheme } from './types.js';

/** Every version scheme, by id. Adding one is one import and one entry here. */
export const versionSchemes: ReadonlyMap<string, VersionScheme> = new Map(
  [dpkg, rpm, apk, semver, go, pep440, maven, rubygems, nuget, composer].map((scheme) => [
    scheme.id,
    scheme,
  ])
);

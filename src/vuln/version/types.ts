/**
 * A version scheme: how one ecosystem orders its versions. Each scheme implements its own
 * specification exactly (dpkg's `~`, rpm's rpmvercmp, PEP 440, Maven's ComparableVersion…),
 * because a wrong order is a wrong verdict: a vulnerable package reported fixed, or the reverse.
 */
export interface VersionScheme {
  /** Short kebab-case name: `dpkg`, `rpm`, `apk`, `semver`, `pep440`, `maven`, `go`, `rubygems`, `nuget`, `composer`. */
  readonly id: string;
  readonly description: string;
  /**
   * The ecosystems this scheme orders, as OSV names them (`Debian`, `Ubuntu`, `Alpine`,
   * `Red Hat`, `npm`, `PyPI`, `Maven`, `Go`, `RubyGems`, `NuGet`, `Packagist`, `crates.io`…),
   * without a release suffix (`Debian:12` is `Debian`).
   */
  readonly ecosystems: readonly string[];
  /** True when `version` is well formed in this scheme. Never throws. */
  isValid(version: string): boolean;
  /**
   * Negative when `a` sorts before `b`, zero when they are equal in this scheme (`1.0` and
   * `1.0.0` in Maven), positive after. Throws `InvalidVersionError` for a version the scheme
   * cannot read, so a caller can report an unknown instead of guessing an order.
   */
  compare(a: string, b: string): number;
}

/** A version this scheme cannot order. Carries the scheme and the text, for the report. */
export class InvalidVersionError extends Error {
  readonly scheme: string;
  readonly version: string;

  constructor(scheme: string, version: string, reason?: string) {
    super(
      `not a valid ${scheme} version: ${JSON.stringify(version.slice(0, 200))}${reason ? ` (${reason})` : ''}`
    );
    this.name = 'InvalidVersionError';
    this.scheme = scheme;
    this.version = version;
  }
}

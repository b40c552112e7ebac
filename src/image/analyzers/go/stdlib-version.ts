/**
 * The standard library's version from the toolchain's: the Go vulnerability database names
 * Go releases as semantic versions, so `go1.21.5` is `v1.21.5`, `go1.20` (a first release
 * before Go 1.21 named them `.0`) is `v1.20.0`, `go1.21rc2` is `v1.21.0-rc.2`.
 *
 * What follows a space is dropped (`go1.21.5 X:boringcrypto` names enabled experiments), and so
 * is a vendor suffix after `-` (`go1.21.5-bigcorp`). A development toolchain (`devel go1.22-…`)
 * has no release version: undefined.
 */
const release = /^go(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(beta|rc)(\d+))?(?:[-+].*)?$/;

export function stdlibVersion(goVersion: string): string | undefined {
  const [first = ''] = goVersion.trim().split(/\s+/);
  const match = release.exec(first);
  if (!match) {
    return undefined;
  }
  const [, major = '', minor = '0', patch = '0', stage, stageNumber] = match;
  const core = `v${major}.${minor}.${patch}`;
  return stage ? `${core}-${stage}.${stageNumber ?? ''}` : core;
}

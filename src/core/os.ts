/**
 * The operating system an image is built on. `id` is the os-release `ID` (debian, ubuntu,
 * alpine, amzn, rhel, rocky, almalinux, centos, fedora, ol, sles, opensuse-leap, wolfi,
 * chainguard, photon, mariner, azurelinux, bottlerocket…), which is also the package-URL
 * namespace, so advisories and SBOMs agree on one word per distribution.
 */
export interface OsInfo {
  id: string;
  /** `VERSION_ID`, or the release read from a release file (`12`, `3.20.3`, `2023`). */
  versionId?: string;
  /** `VERSION_CODENAME` where given (`bookworm`). */
  codename?: string;
  prettyName?: string;
  /** `ID_LIKE`, split (`rhel fedora` → `['rhel', 'fedora']`). */
  idLike: string[];
  /** True when the image has a package database but no shell, no package manager and no os-release. */
  distroless: boolean;
  /** Which file the answer came from (`etc/os-release`, `etc/debian_version`, …). */
  source: string;
}

/** `debian-12`, `alpine-3.20.3`, `amzn-2023`: the `distro` qualifier of our package URLs. */
export function distroQualifier(os: OsInfo | undefined): string | undefined {
  if (!os?.versionId) {
    return undefined;
  }
  return `${os.id}-${os.versionId}`;
}

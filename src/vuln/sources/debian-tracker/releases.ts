/**
 * Debian's codenames and release numbers, for the OSV ecosystem `Debian:<major>`. `sid`
 * (unstable) has no number and never will, and a codename not listed here cannot be placed:
 * both are skipped. A new release is one line here.
 */
const majorByCodename: ReadonlyMap<string, string> = new Map([
  ['jessie', '8'],
  ['stretch', '9'],
  ['buster', '10'],
  ['bullseye', '11'],
  ['bookworm', '12'],
  ['trixie', '13'],
  ['forky', '14'],
]);

/** `12` for `bookworm`; undefined for `sid` and unknown codenames. */
export function debianMajor(codename: string): string | undefined {
  return majorByCodename.get(codename);
}

/**
 * Package databases write installed paths absolute (`/usr/bin/ls`, dpkg's `/.`); walks name
 * files relative (`usr/bin/ls`). This turns the first into the second and drops the root.
 */
export function ownedPaths(paths: Iterable<string> | undefined): string[] {
  const owned: string[] = [];
  for (const path of paths ?? []) {
    const relative = path.replace(/^\/+/, '');
    if (relative !== '' && relative !== '.') {
      owned.push(relative);
    }
  }
  return owned;
}

/**
 * Yarn names what it resolved by descriptors, `name@range`: `lodash@^4.17.0`,
 * `@babel/core@npm:^7.1.0` (berry writes the protocol), an alias `string-width-cjs@npm:string-width@^4`
 * (the package installed is string-width), `app@workspace:.`, `resolve@patch:resolve@…`.
 */
export interface Descriptor {
  name: string;
  range: string;
  /** `npm`, `workspace`, `patch`, `git+https`…; absent for a bare semver range. */
  protocol?: string;
}

/**
 * Protocols whose entries are not packages from a registry: the project's own workspaces and
 * folders (`workspace:`, `link:`, `portal:`, `file:`, `exec:`), and `patch:` entries, which
 * repeat a package yarn also lists unpatched under its own descriptor.
 */
const localProtocols = new Set(['workspace', 'link', 'portal', 'file', 'exec', 'patch']);

export function parseDescriptor(text: string): Descriptor | undefined {
  // A scope's `@` is the first character; the name ends at the next one.
  const at = text.indexOf('@', 1);
  if (at <= 0) {
    return undefined;
  }
  const range = text.slice(at + 1);
  const protocol = /^([a-z][a-z+]*):/.exec(range)?.[1];
  const aliased = protocol === 'npm' ? parseDescriptor(range.slice('npm:'.length)) : undefined;
  if (aliased !== undefined) {
    return { ...aliased, protocol: 'npm' };
  }
  const name = text.slice(0, at);
  return protocol === undefined ? { name, range } : { name, range, protocol };
}

export function isLocal(descriptor: Descriptor): boolean {
  return descriptor.protocol !== undefined && localProtocols.has(descriptor.protocol);
}

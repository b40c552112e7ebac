import { constants } from 'node:fs';
import { lstat, open, readdir, readlink } from 'node:fs/promises';
import { posix } from 'node:path';
import type { NodeFile } from '../../snapshot/node.js';

/** Largest file read (configs, units, environment files, kubeconfig is only stat'ed). */
export const maxFileBytes = 1024 * 1024;
/** Symbolic links followed while resolving one path, as the kernel's limit. */
const maxLinks = 40;
/** Drop-in files read from one directory. */
const maxDirEntries = 256;

/** A node path resolved to a path on this machine, with the links followed on the way. */
export type Resolved =
  { ok: true; hostPath: string; nodePath: string; via: string[] } | { ok: false; problem: string };

/**
 * Resolves a path as the node sees it to a path under `root`, following symbolic links inside
 * the root only: an absolute target is taken from the root (as the node would read it); a
 * relative target that climbs above the root is not followed. The last component is not
 * followed when `followLast` is false.
 */
export async function resolveInRoot(
  root: string,
  nodePath: string,
  followLast = true
): Promise<Resolved> {
  const pending = components(nodePath);
  const done: string[] = [];
  const via: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === '..') {
      done.pop();
      continue;
    }
    done.push(part);
    const current = '/' + done.join('/');
    const host = posix.join(root, current);
    let info;
    try {
      info = await lstat(host);
    } catch (error) {
      return { ok: false, problem: describeError(error, nodePath) };
    }
    if (!info.isSymbolicLink() || (!followLast && pending.length === 0)) {
      continue;
    }
    links += 1;
    if (links > maxLinks) {
      return { ok: false, problem: `too many symbolic links resolving ${nodePath}` };
    }
    const target = await readlink(host);
    via.push(`${current} -> ${target}`);
    done.pop();
    if (target.startsWith('/')) {
      done.length = 0;
    } else if (climbsAbove(done.length, target)) {
      return {
        ok: false,
        problem: `symbolic link ${current} -> ${target} points outside the root; not followed`,
      };
    }
    pending.unshift(...components(target));
  }
  const resolved = '/' + done.join('/');
  return { ok: true, hostPath: posix.join(root, resolved), nodePath: resolved, via };
}

/** The lstat facts of a node file (after following links inside the root). */
export async function statNodeFile(root: string, nodePath: string): Promise<NodeFile> {
  const resolved = await resolveInRoot(root, nodePath);
  if (!resolved.ok) {
    return { path: nodePath, found: false, problem: resolved.problem };
  }
  try {
    const info = await lstat(resolved.hostPath);
    return {
      path: nodePath,
      found: true,
      type: info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other',
      mode: info.mode & 0o7777,
      uid: info.uid,
      gid: info.gid,
      via: resolved.via,
    };
  } catch (error) {
    return { path: nodePath, found: false, problem: describeError(error, nodePath) };
  }
}

/** A node file's text, or why it could not be read (missing, too large, not a regular file). */
export async function readNodeText(
  root: string,
  nodePath: string
): Promise<{ ok: true; text: string } | { ok: false; problem: string }> {
  const resolved = await resolveInRoot(root, nodePath);
  if (!resolved.ok) {
    return resolved;
  }
  let handle;
  try {
    // O_NOFOLLOW: the last component was checked not to be a link; refuse one swapped in since.
    handle = await open(resolved.hostPath, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    return { ok: false, problem: describeError(error, nodePath) };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      return { ok: false, problem: `${nodePath} is not a regular file` };
    }
    if (info.size > maxFileBytes) {
      return { ok: false, problem: `${nodePath} is larger than ${maxFileBytes} bytes; not read` };
    }
    const buffer = Buffer.alloc(maxFileBytes + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > maxFileBytes) {
      return { ok: false, problem: `${nodePath} is larger than ${maxFileBytes} bytes; not read` };
    }
    return { ok: true, text: buffer.subarray(0, bytesRead).toString('utf8') };
  } catch (error) {
    return { ok: false, problem: describeError(error, nodePath) };
  } finally {
    await handle.close();
  }
}

/** Whether a node path exists (links followed inside the root). */
export async function existsInRoot(root: string, nodePath: string): Promise<boolean> {
  return (await resolveInRoot(root, nodePath)).ok;
}

/** The names in a node directory (sorted), or `undefined` when it cannot be listed. */
export async function listNodeDir(root: string, nodePath: string): Promise<string[] | undefined> {
  const resolved = await resolveInRoot(root, nodePath);
  if (!resolved.ok) {
    return undefined;
  }
  try {
    const names = await readdir(resolved.hostPath);
    return names.sort().slice(0, maxDirEntries);
  } catch {
    return undefined;
  }
}

function components(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

/** Whether a relative link target, read from a directory `depth` levels deep, leaves the root. */
function climbsAbove(depth: number, target: string): boolean {
  let level = depth;
  for (const part of components(target)) {
    if (part === '..') {
      level -= 1;
      if (level < 0) {
        return true;
      }
    } else {
      level += 1;
    }
  }
  return false;
}

function describeError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `${path} does not exist`;
    case 'ENOTDIR':
      return `${path} does not exist (a parent is not a directory)`;
    case 'EACCES':
    case 'EPERM':
      return `${path} cannot be read (permission denied)`;
    case 'ELOOP':
      return `${path} is a symbolic link; not followed`;
    default:
      return `${path} cannot be read (${code ?? 'unknown error'})`;
  }
}

import { createReadStream, type Dirent } from 'node:fs';
import { lstat, readFile, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { InputError, NotFoundError } from '../../../core/errors.js';
import { snapshotOf } from '../../snapshot/build.js';
import type { KubeObject, Snapshot } from '../../snapshot/types.js';
import { splitDocuments } from './documents.js';
import { objectsOf } from './objects.js';

export interface ManifestOptions {
  /** Largest manifest file read; a larger one is a note. */
  maxFileBytes?: number;
  /** Most files read from the given paths, so a wrong path (`/`) fails fast instead of crawling. */
  maxFiles?: number;
  /** The namespace a namespaced object without one is given, as `kubectl apply -n` would. */
  namespace?: string;
  /** Where the path `-` reads from: the CLI passes its standard input. */
  stdin?: NodeJS.ReadableStream;
}

const defaults = { maxFileBytes: 16 * 1024 * 1024, maxFiles: 20_000 };
const manifestName = /\.(ya?ml|json)$/i;

/** Kinds that have no namespace; every other kind is namespaced. */
const clusterScoped = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'APIService',
  'CSIDriver',
  'IngressClass',
  'RuntimeClass',
]);

/**
 * A snapshot from manifest files and directories: YAML (several documents each, as
 * `helm template` and `kustomize build` print them) and JSON, `List` kinds unpacked.
 * Directories are read recursively for `.yaml`, `.yml` and `.json` files; symbolic links to
 * directories are not followed. A document that cannot be read is a note naming its file and
 * number, and the others are still read; a path that does not exist is an error.
 */
export async function readManifests(
  paths: readonly string[],
  options: ManifestOptions = {}
): Promise<Snapshot> {
  const limits = { ...defaults, ...options };
  if (paths.length === 0) {
    throw new InputError('no manifest files or directories given');
  }
  const files: string[] = [];
  for (const path of paths) {
    await collect(path, files, limits.maxFiles);
  }
  const objects: { object: KubeObject; origin: string }[] = [];
  const notes: string[] = [];
  for (const file of files) {
    const text =
      file === '-'
        ? await readStream(options.stdin, '-', limits.maxFileBytes, notes)
        : await readText(file, limits.maxFileBytes, notes);
    if (text === undefined) {
      continue;
    }
    const name = displayName(file);
    for (const document of splitDocuments(text, /\.json$/i.test(file))) {
      const where = `${name}#${document.index}`;
      if (!document.ok) {
        notes.push(`${where}: ${document.message}`);
        continue;
      }
      for (const read of objectsOf(document.value, where)) {
        if (read.ok) {
          objects.push({
            object: withNamespace(read.object, options.namespace),
            origin: read.where,
          });
        } else {
          notes.push(read.message);
        }
      }
    }
  }
  return snapshotOf(`manifests: ${paths.join(', ')}`, objects, notes);
}

async function collect(path: string, files: string[], maxFiles: number): Promise<void> {
  if (path === '-') {
    push(path, files, maxFiles);
    return;
  }
  let info;
  try {
    info = await lstat(path);
  } catch (error) {
    throw new NotFoundError(`no such manifest file or directory: ${path}`, { cause: error });
  }
  if (info.isDirectory()) {
    const entries: Dirent[] = await readdir(path, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) {
        await collect(child, files, maxFiles);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && manifestName.test(entry.name)) {
        push(child, files, maxFiles);
      }
    }
    return;
  }
  // A file named on the command line is read whatever its name, as kubectl -f does.
  push(path, files, maxFiles);
}

function push(file: string, files: string[], maxFiles: number): void {
  if (files.length >= maxFiles) {
    throw new InputError(`more than ${maxFiles} manifest files under the given paths; name fewer`);
  }
  files.push(file);
}

async function readText(
  file: string,
  maxBytes: number,
  notes: string[]
): Promise<string | undefined> {
  const name = displayName(file);
  let bytes: Buffer;
  try {
    // stat, not lstat: a link to a manifest is read, a link to a device or a folder is not.
    const info = await stat(file);
    if (info.isFIFO()) {
      // `<(helm template …)` and /dev/stdin from a pipe: read as a stream, within the cap.
      return await readStream(createReadStream(file), name, maxBytes, notes);
    }
    if (!info.isFile()) {
      notes.push(`${name}: not a regular file; skipped`);
      return undefined;
    }
    if (info.size > maxBytes) {
      notes.push(`${name}: ${info.size} bytes, over the ${maxBytes}-byte cap; not read`);
      return undefined;
    }
    bytes = await readFile(file);
  } catch (error) {
    throw new InputError(`${name}: cannot read it`, { cause: error });
  }
  return decodeText(bytes, name, notes);
}

async function readStream(
  stream: NodeJS.ReadableStream | undefined,
  name: string,
  maxBytes: number,
  notes: string[]
): Promise<string | undefined> {
  if (stream === undefined) {
    throw new InputError('- names standard input, and there is none here');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += bytes.length;
    if (size > maxBytes) {
      notes.push(`${name}: more than ${maxBytes} bytes; not read`);
      return undefined;
    }
    chunks.push(bytes);
  }
  return decodeText(Buffer.concat(chunks), name, notes);
}

/** UTF-8 or nothing: a manifest in another encoding is a note, not mojibake to parse. */
function decodeText(bytes: Buffer, name: string, notes: string[]): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    notes.push(`${name}: not UTF-8 text; not read`);
    return undefined;
  }
}

function displayName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || rel === '' ? file : rel;
}

function withNamespace(object: KubeObject, namespace: string | undefined): KubeObject {
  if (
    namespace === undefined ||
    object.metadata.namespace !== undefined ||
    clusterScoped.has(object.kind)
  ) {
    return object;
  }
  return { ...object, metadata: { ...object.metadata, namespace } };
}

import { isIPv6 } from 'node:net';
import { parseDigest } from '../../core/digest.js';
import { UsageError } from '../../core/errors.js';
import { dockerHubApiHost, dockerHubDomain, isDockerHub } from './docker-hub.js';

/** A registry image reference, split and normalised. */
export interface ImageReference {
  /** `host[:port]` as written (`docker.io` for every Docker Hub alias); also the credential key. */
  domain: string;
  /** Where the Distribution API answers: `registry-1.docker.io` for Docker Hub, else `domain`. */
  apiHost: string;
  /** `library/alpine`, `team/app`. */
  repository: string;
  /** The tag, `latest` when neither a tag nor a digest was given. */
  tag?: string;
  digest?: string;
  /** Normalised for display: `docker.io/library/alpine:3.20`. */
  name: string;
}

/*
 * The Distribution reference grammar (distribution/reference), written out as regular
 * expressions. Only the pieces are matched here; splitting is done by hand so each failure
 * can say which part was wrong.
 */
const alphaNumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = new RegExp(`^${alphaNumeric}(?:${separator}${alphaNumeric})*$`);
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = new RegExp(`^${domainComponent}(?:\\.${domainComponent})*$`);
const tagPattern = /^[\w][\w.-]{0,127}$/;
const digestPattern = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/** The grammar's limit on the whole name, domain included. */
const maxNameLength = 255;

function invalid(spec: string, reason: string): UsageError {
  const shown = spec.length > 200 ? `${spec.slice(0, 200)}…` : spec;
  return new UsageError(`invalid image reference ${JSON.stringify(shown)}: ${reason}`);
}

function checkDigest(spec: string, digest: string): void {
  if (!digestPattern.test(digest)) {
    throw invalid(spec, `"${digest.slice(0, 80)}" is not a digest (want sha256:<64 hex digits>)`);
  }
  try {
    parseDigest(digest);
  } catch {
    // Anything we cannot verify is refused rather than fetched on trust.
    throw invalid(spec, 'only lowercase sha256 and sha512 digests are supported');
  }
}

function checkHost(spec: string, domain: string): void {
  const match = /^(?<host>\[[^\]]*\]|[^:]+)(?::(?<port>[^:]*))?$/.exec(domain);
  const host = match?.groups?.['host'];
  const port = match?.groups?.['port'];
  if (host === undefined) {
    throw invalid(spec, `"${domain}" is not a valid registry host`);
  }
  const hostOk = host.startsWith('[') ? isIPv6(host.slice(1, -1)) : domainName.test(host);
  if (!hostOk) {
    throw invalid(spec, `"${domain}" is not a valid registry host`);
  }
  if (port !== undefined && (!/^[0-9]{1,5}$/.test(port) || Number(port) > 65535)) {
    throw invalid(spec, `"${port}" is not a valid port`);
  }
}

function checkRepository(spec: string, repository: string): void {
  for (const component of repository.split('/')) {
    if (component === '') {
      throw invalid(spec, 'the repository has an empty path component');
    }
    if (!pathComponent.test(component)) {
      const reason =
        component.toLowerCase() !== component && pathComponent.test(component.toLowerCase())
          ? 'repository names must be lowercase'
          : `"${component}" is not a valid repository path component`;
      throw invalid(spec, reason);
    }
  }
}

/** A repository name as the grammar allows it (`team/app`), for names a registry lists. */
export function isRepositoryName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= maxNameLength &&
    name.split('/').every((component) => pathComponent.test(component))
  );
}

/** A tag as the grammar allows it (`1.2.3`, `latest`). */
export function isTagName(tag: string): boolean {
  return tagPattern.test(tag);
}

/** The first path component names a registry when it looks like a host, as Docker decides. */
function looksLikeDomain(component: string): boolean {
  return (
    component.includes('.') ||
    component.includes(':') ||
    component === 'localhost' ||
    component.startsWith('[') ||
    component.toLowerCase() !== component
  );
}

function splitDomain(name: string): { domain: string; remote: string } {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  if (slash !== -1 && looksLikeDomain(first)) {
    return { domain: first, remote: name.slice(slash + 1) };
  }
  return { domain: dockerHubDomain, remote: name };
}

/** Splits `name[:tag]` where a colon before the last slash belongs to a port, not a tag. */
function splitTag(nameAndTag: string): { name: string; tag?: string } {
  const colon = nameAndTag.lastIndexOf(':');
  if (colon === -1 || colon < nameAndTag.lastIndexOf('/')) {
    return { name: nameAndTag };
  }
  // `[::1]/x` has colons only inside the brackets.
  if (colon < nameAndTag.indexOf(']')) {
    return { name: nameAndTag };
  }
  return { name: nameAndTag.slice(0, colon), tag: nameAndTag.slice(colon + 1) };
}

/**
 * Parses `[registry/]repo[:tag][@digest]`, the way `docker pull` reads it: short names go
 * to Docker Hub (`alpine` is `docker.io/library/alpine:latest`).
 */
export function parseReference(spec: string): ImageReference {
  if (spec === '') {
    throw invalid(spec, 'the reference is empty');
  }
  if (/\s/.test(spec)) {
    throw invalid(spec, 'references contain no whitespace');
  }
  const at = spec.indexOf('@');
  const digest = at === -1 ? undefined : spec.slice(at + 1);
  if (digest !== undefined) {
    checkDigest(spec, digest);
  }
  const split = splitTag(at === -1 ? spec : spec.slice(0, at));
  if (split.tag !== undefined && !tagPattern.test(split.tag)) {
    throw invalid(spec, `"${split.tag.slice(0, 140)}" is not a valid tag`);
  }
  if (split.name === '') {
    throw invalid(spec, 'the repository name is missing');
  }
  const { domain: writtenDomain, remote } = splitDomain(split.name);
  checkHost(spec, writtenDomain);
  checkRepository(spec, remote);
  if (writtenDomain.length + 1 + remote.length > maxNameLength) {
    throw invalid(spec, `the name is longer than ${maxNameLength} characters`);
  }

  const hub = isDockerHub(writtenDomain);
  const domain = hub ? dockerHubDomain : writtenDomain;
  const repository = hub && !remote.includes('/') ? `library/${remote}` : remote;
  const tag = split.tag ?? (digest === undefined ? 'latest' : undefined);
  const name = `${domain}/${repository}${tag === undefined ? '' : `:${tag}`}${digest === undefined ? '' : `@${digest}`}`;
  return {
    domain,
    apiHost: hub ? dockerHubApiHost : domain,
    repository,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
    name,
  };
}

/** What to put after `/manifests/`: the digest when there is one, since it pins the content. */
export function manifestReference(reference: ImageReference): string {
  return reference.digest ?? reference.tag ?? 'latest';
}

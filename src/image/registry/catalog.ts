import { z } from 'zod';
import { ExternalHostError, NotFoundError, UsageError } from '../../core/errors.js';
import { parseJson } from '../../core/parse.js';
import { authProviders } from '../auth/api.js';
import type { OpenOptions } from '../source/types.js';
import { RegistryClient } from './client.js';
import { RegistryEndpoint } from './endpoint.js';
import type { BufferedResponse } from './http.js';
import { fetchManifest } from './manifest.js';
import { isRepositoryName, isTagName, parseReference } from './reference.js';
import { registryFailure, type Subject } from './registry-errors.js';
import { defaultBackoff } from './retry.js';
import type { RegistryTransportDependencies } from './transport.js';

/** How much of a registry one listing reads. */
export interface ListLimits {
  /** Names asked for per page (`?n=`); registries may send fewer. */
  pageSize: number;
  /** Repositories read from the catalog before it stops and says it was cut. */
  maxRepositories: number;
  /** Tags read per repository before it stops and says it was cut. */
  maxTags: number;
  /** Largest page body accepted, in bytes. */
  maxPageBytes: number;
}

export const defaultListLimits: ListLimits = {
  pageSize: 100,
  maxRepositories: 1000,
  maxTags: 1000,
  maxPageBytes: 4 * 1024 * 1024,
};

/** Names a registry listed, in its order. */
export interface Listing {
  names: string[];
  /** True when a cap stopped the reading while the registry had more. */
  truncated: boolean;
  /** Names left out because they break the reference grammar (nothing could pull them). */
  invalid: number;
}

/** What a tag points at now. */
export interface ResolvedTag {
  /** The digest of the manifest or index the tag names, checked against its bytes. */
  digest: string;
  mediaType: string;
  isIndex: boolean;
}

/** One registry's catalog and tag lists, over one connection pool and token session. */
export interface RegistryCatalog {
  /** `host[:port]` as given (`docker.io` for Docker Hub). */
  readonly registry: string;
  repositories(limits?: Partial<ListLimits>): Promise<Listing>;
  tags(repository: string, limits?: Partial<ListLimits>): Promise<Listing>;
  resolveTag(repository: string, tag: string): Promise<ResolvedTag>;
  close(): Promise<void>;
}

const CatalogPage = z.object({ repositories: z.array(z.string()).nullable().optional() }).loose();
const TagsPage = z.object({ tags: z.array(z.string()).nullable().optional() }).loose();

/** The `rel="next"` target of a Link header, resolved against the page that sent it. */
export function nextPageUrl(header: string | string[] | undefined, page: URL): URL | undefined {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  for (const value of values) {
    for (const link of value.split(/,(?=\s*<)/)) {
      const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(link);
      if (match && /(^|;)\s*rel="?next"?\s*(;|$)/i.test(match[2] ?? '')) {
        try {
          return new URL(match[1] ?? '', page);
        } catch {
          return undefined;
        }
      }
    }
  }
  return undefined;
}

interface Pager {
  first: string;
  access: { scope: string; resource: string };
  subject: Subject;
  /** Names of the failing listing, for registryFailure. */
  repository: string;
  cap: number;
  pick: (data: Buffer, what: string) => string[];
  valid: (name: string) => boolean;
}

/**
 * Opens `registry` (`host[:port]`, `docker.io`) for listing. Credentials come from the same
 * providers as pulls (`options.registry.username`/`password` first); bearer tokens are asked
 * for `registry:catalog:*` for the catalog and `repository:<name>:pull` for tags.
 */
export function openRegistryCatalog(
  registry: string,
  options: OpenOptions,
  dependencies: RegistryTransportDependencies = {}
): RegistryCatalog {
  const probe = parseReference(`${registry}/probe`);
  if (probe.domain !== registry) {
    throw new UsageError(
      `invalid registry ${JSON.stringify(registry.slice(0, 200))}: want host[:port], as in ghcr.io or 127.0.0.1:5000`
    );
  }
  const backoff = dependencies.backoff ?? defaultBackoff;
  const providers = dependencies.providers ?? authProviders;
  const endpoint = new RegistryEndpoint({
    apiHost: probe.apiHost,
    domain: probe.domain,
    open: options,
    backoff,
    providers,
  });
  const host = endpoint.host;

  async function page(
    target: string | URL,
    pager: Pager,
    limits: ListLimits
  ): Promise<BufferedResponse> {
    const what = `${pager.subject.kind === 'list' ? pager.subject.what : 'listing'} of registry ${host}`;
    if (target instanceof URL) {
      const base = await endpoint.baseUrl();
      if (target.origin !== base.origin) {
        // The credentials go only where the registry is.
        throw new ExternalHostError(`registry ${host} sent a next-page link to ${target.host}`);
      }
    }
    const response = await endpoint.authorized(
      target,
      pager.access,
      { accept: 'application/json' },
      (request) => endpoint.http.fetch(request, limits.maxPageBytes, what)
    );
    if (response.status === 404 && pager.subject.kind === 'list' && pager.repository === '') {
      throw new NotFoundError(`registry ${host} does not offer a catalog (GET /v2/_catalog: 404)`);
    }
    if (response.status !== 200) {
      throw registryFailure(response.status, response.data, {
        host,
        repository: pager.repository || '(catalog)',
        image: pager.repository === '' ? host : `${registry}/${pager.repository}`,
        subject: pager.subject,
      });
    }
    return response;
  }

  async function list(pager: Pager, limits: ListLimits): Promise<Listing> {
    const names: string[] = [];
    const seen = new Set<string>();
    let invalid = 0;
    let target: string | URL | undefined = pager.first;
    // Each page must add something: a registry whose links go round in circles stops here.
    while (target !== undefined) {
      const response = await page(target, pager, limits);
      const before = seen.size;
      for (const name of pager.pick(response.data, `${pager.subject.kind} page of ${host}`)) {
        if (seen.has(name)) {
          continue;
        }
        seen.add(name);
        if (!pager.valid(name)) {
          invalid += 1;
          continue;
        }
        if (names.length === pager.cap) {
          return { names, truncated: true, invalid };
        }
        names.push(name);
      }
      const next = nextPageUrl(response.headers['link'], response.url);
      target = next !== undefined && seen.size > before ? next : undefined;
    }
    return { names, truncated: false, invalid };
  }

  function limitsOf(given: Partial<ListLimits> | undefined): ListLimits {
    const limits = { ...defaultListLimits, ...given };
    for (const [name, value] of Object.entries(limits)) {
      if (!Number.isSafeInteger(value) || value < 1) {
        throw new UsageError(`list limit ${name} must be a whole number of at least 1`);
      }
    }
    return limits;
  }

  return {
    registry,

    async repositories(given) {
      const limits = limitsOf(given);
      return await list(
        {
          first: `_catalog?n=${Math.min(limits.pageSize, limits.maxRepositories)}`,
          access: { scope: 'registry:catalog:*', resource: '_catalog' },
          subject: { kind: 'list', what: 'the catalog' },
          repository: '',
          cap: limits.maxRepositories,
          pick: (data, what) => parseJson(CatalogPage, data, what).repositories ?? [],
          valid: isRepositoryName,
        },
        limits
      );
    },

    async tags(repository, given) {
      if (!isRepositoryName(repository)) {
        throw new UsageError(`invalid repository name ${JSON.stringify(repository.slice(0, 200))}`);
      }
      const limits = limitsOf(given);
      return await list(
        {
          first: `${repository}/tags/list?n=${Math.min(limits.pageSize, limits.maxTags)}`,
          access: { scope: `repository:${repository}:pull`, resource: repository },
          subject: { kind: 'list', what: 'the tag list' },
          repository,
          cap: limits.maxTags,
          pick: (data, what) => parseJson(TagsPage, data, what).tags ?? [],
          valid: isTagName,
        },
        limits
      );
    },

    async resolveTag(repository, tag) {
      const reference = parseReference(`${registry}/${repository}:${tag}`);
      const client = new RegistryClient({ reference, open: options, backoff, providers, endpoint });
      const { digest, mediaType, isIndex } = await fetchManifest(client, tag, {}, reference.name);
      return { digest, mediaType, isIndex };
    },

    close: () => endpoint.close(),
  };
}

import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../core/errors.js';
import { severityOrder, type Severity } from '../../../core/finding.js';
import { publishDiscovery, queueScan } from '../../scan-pipeline/index.js';
import type { FindingSort, FindingState, ScanStatus } from '../../store/index.js';
import {
  findingSorts,
  findingStates,
  maxPageSize,
  maxSearchLength,
  scanStatuses,
  scanTriggers,
} from '../../store/index.js';
import { base, idParams, type ApiContext } from '../context.js';
import { HttpError } from '../errors.js';

const limit = { type: 'string', pattern: '^[0-9]{1,4}$', description: `1 to ${maxPageSize}` };
const cursor = { type: 'string', minLength: 1, maxLength: 2048 };
const name = { type: 'string', minLength: 1, maxLength: 512 };

const imageQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    registry: name,
    repository: name,
    digest: name,
    search: {
      type: 'string',
      minLength: 1,
      maxLength: maxSearchLength,
      description: 'in the repository, a tag or the digest, case-insensitively',
    },
    limit,
    cursor,
  },
} as const;

const findingFilters = {
  severity: { type: 'string', enum: [...severityOrder] },
  state: { type: 'string', enum: [...findingStates] },
  vulnerability: name,
  fixable: { type: 'string', enum: ['true', 'false'], description: 'true: has a fixed version' },
  exploited: {
    type: 'string',
    enum: ['true', 'false'],
    description: 'true: in CISA’s Known Exploited Vulnerabilities',
  },
  sort: { type: 'string', enum: [...findingSorts], description: 'severity (default) or firstSeen' },
  order: {
    type: 'string',
    enum: ['asc', 'desc'],
    description: 'desc (default): worst or newest first',
  },
  limit,
  cursor,
} as const;

const imageFindingQuery = {
  type: 'object',
  additionalProperties: false,
  properties: findingFilters,
} as const;

const findingQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { image: name, ...findingFilters },
} as const;

const scanQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { status: { type: 'string', enum: [...scanStatuses] }, limit, cursor },
} as const;

/**
 * The scan requests take no options. Checked here rather than by a body schema, which would
 * also refuse the usual request without a body.
 */
function refuseOptions(body: unknown): void {
  if (body === undefined || body === null) {
    return;
  }
  const field = typeof body === 'object' ? Object.keys(body)[0] : undefined;
  if (typeof body !== 'object' || field !== undefined) {
    throw new HttpError(
      400,
      'bad_request',
      `${field ?? 'body'}: this request takes no fields`,
      field
    );
  }
}

const text = { type: 'string' } as const;
const count = { type: 'integer' } as const;

const imageSchema = {
  type: 'object',
  required: ['id', 'registryId', 'repository', 'digest', 'tags', 'createdAt', 'hasSbom'],
  properties: {
    id: text,
    registryId: text,
    repository: text,
    digest: text,
    tags: { type: 'array', items: text },
    createdAt: text,
    lastScannedAt: text,
    advisoriesBuiltAt: text,
    hasSbom: { type: 'boolean' },
  },
} as const;

const scanSchema = {
  type: 'object',
  required: ['id', 'imageId', 'status', 'trigger', 'attempt', 'queuedAt'],
  properties: {
    id: text,
    imageId: text,
    status: { type: 'string', enum: [...scanStatuses] },
    trigger: { type: 'string', enum: [...scanTriggers] },
    attempt: count,
    worker: text,
    queuedAt: text,
    startedAt: text,
    finishedAt: text,
    error: text,
    note: text,
    packageCount: count,
    findingCount: count,
  },
} as const;

const findingSchema = {
  type: 'object',
  required: ['id', 'imageId', 'vulnerabilityId', 'package', 'severity', 'state', 'firstSeen'],
  properties: {
    id: text,
    imageId: text,
    vulnerabilityId: text,
    package: {
      type: 'object',
      required: ['purl', 'name', 'version'],
      properties: { purl: text, name: text, version: text },
    },
    severity: { type: 'string', enum: [...severityOrder] },
    fixedVersion: text,
    title: text,
    knownExploited: {
      type: 'object',
      description: 'From CISA’s Known Exploited Vulnerabilities catalog',
      required: ['dateAdded', 'ransomware'],
      properties: { dateAdded: text, ransomware: { type: 'boolean' } },
    },
    state: { type: 'string', enum: [...findingStates] },
    firstSeen: text,
    fixedAt: text,
  },
} as const;

function pageOf(item: object): object {
  return {
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', items: item }, next: text },
  };
}

const openFindings = {
  type: 'object',
  description: 'Open findings per severity',
  required: [...severityOrder],
  properties: Object.fromEntries(severityOrder.map((severity) => [severity, count])),
} as const;

const imageListItem = {
  ...imageSchema,
  required: [...imageSchema.required, 'findings'],
  properties: { ...imageSchema.properties, findings: openFindings },
} as const;

const imageDetail = {
  ...imageSchema,
  required: [...imageSchema.required, 'findings'],
  properties: {
    ...imageSchema.properties,
    findings: openFindings,
    lastScan: scanSchema,
  },
} as const;

interface Paged {
  limit?: string;
  cursor?: string;
}

interface ImageFilters {
  registry?: string;
  repository?: string;
  digest?: string;
  search?: string;
}

interface FindingFilters extends Paged {
  severity?: Severity;
  state?: FindingState;
  vulnerability?: string;
  fixable?: 'true' | 'false';
  exploited?: 'true' | 'false';
  sort?: FindingSort;
  order?: 'asc' | 'desc';
}

function paging(query: Paged): { limit?: number; cursor?: string } {
  return {
    ...(query.limit !== undefined ? { limit: Number(query.limit) } : {}),
    ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
  };
}

function findingFiltersOf(query: FindingFilters) {
  return {
    ...paging(query),
    ...(query.severity !== undefined ? { severity: query.severity } : {}),
    ...(query.state !== undefined ? { state: query.state } : {}),
    ...(query.vulnerability !== undefined ? { vulnerabilityId: query.vulnerability } : {}),
    ...(query.fixable !== undefined ? { fixable: query.fixable === 'true' } : {}),
    ...(query.exploited !== undefined ? { exploited: query.exploited === 'true' } : {}),
    ...(query.sort !== undefined ? { sort: query.sort } : {}),
    ...(query.order !== undefined ? { order: query.order } : {}),
  };
}

function answer<T>(page: { items: T[]; nextCursor?: string }): { items: T[]; next?: string } {
  return {
    items: page.items,
    ...(page.nextCursor !== undefined ? { next: page.nextCursor } : {}),
  };
}

/**
 * `team-web-1a2b3c4d5e6f.cdx.json`: the repository and the digest's start, reduced to
 * characters no browser, shell or header can misread.
 */
export function sbomFileName(image: { repository: string; digest: string }): string {
  const name = image.repository.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  const hex = image.digest
    .replace(/^[^:]*:/, '')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 12);
  return `${name.slice(0, 100) || 'image'}-${hex}.cdx.json`;
}

/** Images, their scans and findings; scans on demand. Lists page with `next` → `cursor`. */
export function imageRoutes(app: FastifyInstance, { store, queue }: ApiContext): void {
  app.post<{ Params: { id: string } }>(
    `${base}/registries/:id/scan`,
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Discover the registry’s images now and scan those not yet scanned',
        params: idParams,
        response: {
          202: {
            type: 'object',
            required: ['registryId', 'queued'],
            properties: { registryId: text, queued: { type: 'boolean' } },
          },
        },
      },
    },
    async (request, reply) => {
      refuseOptions(request.body);
      // From the list, not `get`: no secret is decrypted to answer an API call.
      const registries = await store.registries.list();
      const found = registries.find(({ id }) => id === request.params.id);
      if (found === undefined) {
        throw new NotFoundError(`no registry with id ${request.params.id}`);
      }
      await publishDiscovery(queue, found.id, 'demand');
      return reply.status(202).send({ registryId: found.id, queued: true });
    }
  );

  app.get<{ Params: { id: string } }>(
    `${base}/registries/:id/repositories`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'A registry’s repositories, with how many images each holds and its last scan',
        params: idParams,
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['repository', 'images'],
                  properties: {
                    repository: text,
                    images: { type: 'integer' },
                    lastScannedAt: { type: 'string', format: 'date-time' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const registries = await store.registries.list();
      if (!registries.some(({ id }) => id === request.params.id)) {
        throw new NotFoundError(`no registry with id ${request.params.id}`);
      }
      return { items: await store.images.repositories(request.params.id) };
    }
  );

  app.get<{ Querystring: Paged & ImageFilters }>(
    `${base}/images`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'List images, newest first, each with its open findings per severity',
        querystring: imageQuery,
        response: { 200: pageOf(imageListItem) },
      },
    },
    async (request) => {
      const { registry, repository, digest, search } = request.query;
      const found = await store.images.list({
        ...paging(request.query),
        ...(registry !== undefined ? { registryId: registry } : {}),
        ...(repository !== undefined ? { repository } : {}),
        ...(digest !== undefined ? { digest } : {}),
        ...(search !== undefined ? { search } : {}),
      });
      const counts = await store.findings.countsOf(found.items.map((image) => image.id));
      return answer({
        ...found,
        items: found.items.map((image) => ({ ...image, findings: counts.get(image.id) })),
      });
    }
  );

  app.get<{ Params: { id: string } }>(
    `${base}/images/:id`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'Get an image with its open findings per severity and its last scan',
        params: idParams,
        response: { 200: imageDetail },
      },
    },
    async (request) => {
      const image = await store.images.get(request.params.id);
      const [findings, lastScan] = await Promise.all([
        store.findings.counts(image.id),
        store.scans.latest(image.id),
      ]);
      return { ...image, findings, ...(lastScan !== undefined ? { lastScan } : {}) };
    }
  );

  app.get<{ Params: { id: string } }>(
    `${base}/images/:id/sbom`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'The image’s stored SBOM (CycloneDX JSON) as a download',
        params: idParams,
        response: {
          200: {
            type: 'object',
            description: 'A CycloneDX JSON document, as the last scan stored it',
            additionalProperties: true,
            properties: { bomFormat: text, specVersion: text },
          },
        },
      },
    },
    async (request, reply) => {
      const image = await store.images.get(request.params.id);
      const sbom = await store.images.sbom(image.id);
      if (sbom === undefined) {
        throw new NotFoundError(`image ${image.id} has no SBOM yet: it has not been scanned`);
      }
      // Sent as stored, byte for byte: a string skips the response serializer.
      return reply
        .type('application/vnd.cyclonedx+json')
        .header('content-disposition', `attachment; filename="${sbomFileName(image)}"`)
        .send(sbom);
    }
  );

  app.get<{ Params: { id: string }; Querystring: FindingFilters }>(
    `${base}/images/:id/findings`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'An image’s findings, worst first; state=fixed is its history of fixes',
        params: idParams,
        querystring: imageFindingQuery,
        response: { 200: pageOf(findingSchema) },
      },
    },
    async (request) => {
      const image = await store.images.get(request.params.id);
      return answer(
        await store.findings.list({ imageId: image.id, ...findingFiltersOf(request.query) })
      );
    }
  );

  app.get<{ Querystring: FindingFilters & { image?: string } }>(
    `${base}/findings`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'Findings across images, worst first unless `sort` and `order` say otherwise',
        querystring: findingQuery,
        response: { 200: pageOf(findingSchema) },
      },
    },
    async (request) => {
      const { image } = request.query;
      return answer(
        await store.findings.list({
          ...findingFiltersOf(request.query),
          ...(image !== undefined ? { imageId: image } : {}),
        })
      );
    }
  );

  app.get<{ Params: { id: string }; Querystring: Paged & { status?: ScanStatus } }>(
    `${base}/images/:id/scans`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'An image’s scans, newest first',
        params: idParams,
        querystring: scanQuery,
        response: { 200: pageOf(scanSchema) },
      },
    },
    async (request) => {
      const image = await store.images.get(request.params.id);
      const { status } = request.query;
      return answer(
        await store.scans.list({
          imageId: image.id,
          ...paging(request.query),
          ...(status !== undefined ? { status } : {}),
        })
      );
    }
  );

  app.post<{ Params: { id: string } }>(
    `${base}/images/:id/scan`,
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Scan the image again now (pulls it)',
        params: idParams,
        response: { 202: scanSchema },
      },
    },
    async (request, reply) => {
      refuseOptions(request.body);
      const image = await store.images.get(request.params.id);
      const { scanId } = await queueScan(store, queue, image, 'demand');
      return reply.status(202).send(await store.scans.get(scanId));
    }
  );
}

import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../core/errors.js';
import { severityOrder, type Severity } from '../../../core/finding.js';
import { runningContainers, workloadCount, type RunningContainer } from '../../score/index.js';
import type { VulnerabilitySort } from '../../store/index.js';
import { maxPageSize, vulnerabilitySorts } from '../../store/index.js';
import { base, type ApiContext } from '../context.js';

const text = { type: 'string' } as const;
const count = { type: 'integer' } as const;
const yesNo = { type: 'string', enum: ['true', 'false'] } as const;

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    severity: { type: 'string', enum: [...severityOrder], description: 'the worst severity' },
    fixable: { ...yesNo, description: 'true: a fixed version exists for at least one finding' },
    exploited: { ...yesNo, description: 'true: in CISA’s Known Exploited Vulnerabilities' },
    search: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'part of the vulnerability id or of a package name, any case',
    },
    sort: { type: 'string', enum: [...vulnerabilitySorts], description: 'severity (default)' },
    order: { type: 'string', enum: ['asc', 'desc'], description: 'desc (default)' },
    limit: { type: 'string', pattern: '^[0-9]{1,4}$', description: `1 to ${maxPageSize}` },
    cursor: { type: 'string', minLength: 1, maxLength: 2048 },
  },
} as const;

const vulnerabilityParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', minLength: 1, maxLength: 256 } },
} as const;

const exploitedSchema = {
  type: 'object',
  description: 'From CISA’s Known Exploited Vulnerabilities catalog',
  required: ['dateAdded', 'ransomware'],
  properties: { dateAdded: text, ransomware: { type: 'boolean' } },
} as const;

const summarySchema = {
  type: 'object',
  required: ['id', 'severity', 'images', 'findings', 'workloads', 'fixable', 'firstSeen'],
  properties: {
    id: text,
    severity: { type: 'string', enum: [...severityOrder] },
    images: { ...count, description: 'images with an open finding of it' },
    findings: count,
    workloads: { ...count, description: 'workloads running one of those images' },
    fixable: { type: 'boolean' },
    knownExploited: exploitedSchema,
    firstSeen: text,
    title: text,
  },
} as const;

const detailSchema = {
  ...summarySchema,
  required: [...summarySchema.required, 'affected', 'running'],
  properties: {
    ...summarySchema.properties,
    affected: {
      type: 'array',
      description: 'each open finding of it, with its image',
      items: {
        type: 'object',
        required: [
          'imageId',
          'registryId',
          'repository',
          'digest',
          'tags',
          'hasSbom',
          'package',
          'severity',
          'firstSeen',
        ],
        properties: {
          imageId: text,
          registryId: text,
          repository: text,
          digest: text,
          tags: { type: 'array', items: text },
          hasSbom: { type: 'boolean' },
          package: {
            type: 'object',
            required: ['purl', 'name', 'version'],
            properties: { purl: text, name: text, version: text },
          },
          severity: { type: 'string', enum: [...severityOrder] },
          fixedVersion: text,
          firstSeen: text,
        },
      },
    },
    running: {
      type: 'array',
      description: 'containers of the latest assessment of each cluster that run those images',
      items: {
        type: 'object',
        required: [
          'clusterId',
          'cluster',
          'namespace',
          'kind',
          'name',
          'container',
          'image',
          'imageId',
        ],
        properties: {
          clusterId: text,
          cluster: text,
          namespace: text,
          kind: text,
          name: text,
          container: text,
          image: text,
          imageId: text,
        },
      },
    },
  },
} as const;

interface ListQuery {
  severity?: Severity;
  fixable?: 'true' | 'false';
  exploited?: 'true' | 'false';
  search?: string;
  sort?: VulnerabilitySort;
  order?: 'asc' | 'desc';
  limit?: string;
  cursor?: string;
}

/** Open findings by vulnerability: which images have each, and which workloads run them. */
export function vulnerabilityRoutes(app: FastifyInstance, { store }: ApiContext): void {
  app.get<{ Querystring: ListQuery }>(
    `${base}/vulnerabilities`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'Open vulnerabilities across images, worst first, with images and workloads',
        querystring: listQuery,
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: summarySchema }, next: text },
          },
        },
      },
    },
    async (request) => {
      const { severity, fixable, exploited, search, sort, order, limit, cursor } = request.query;
      const page = await store.vulnerabilities.list({
        ...(severity !== undefined ? { severity } : {}),
        ...(fixable !== undefined ? { fixable: fixable === 'true' } : {}),
        ...(exploited !== undefined ? { exploited: exploited === 'true' } : {}),
        ...(search !== undefined ? { search } : {}),
        ...(sort !== undefined ? { sort } : {}),
        ...(order !== undefined ? { order } : {}),
        ...(limit !== undefined ? { limit: Number(limit) } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
      });
      const imageIds = await store.vulnerabilities.imageIds(page.items.map(({ id }) => id));
      const running = await runningContainers(store, [...new Set([...imageIds.values()].flat())]);
      return {
        items: page.items.map((item) => ({
          ...item,
          workloads: workloadCount(
            (imageIds.get(item.id) ?? []).flatMap((imageId) => running.get(imageId) ?? [])
          ),
        })),
        ...(page.nextCursor !== undefined ? { next: page.nextCursor } : {}),
      };
    }
  );

  app.get<{ Params: { id: string } }>(
    `${base}/vulnerabilities/:id`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'One open vulnerability: the images that have it and the workloads running them',
        params: vulnerabilityParams,
        response: { 200: detailSchema },
      },
    },
    async (request) => {
      const summary = await store.vulnerabilities.get(request.params.id);
      if (summary === undefined) {
        throw new NotFoundError(`no open finding of ${request.params.id}`);
      }
      const affected = await store.vulnerabilities.affected(summary.id);
      const imageIds = [...new Set(affected.map(({ imageId }) => imageId))];
      const byImage = await runningContainers(store, imageIds);
      const running: (RunningContainer & { imageId: string })[] = imageIds.flatMap((imageId) =>
        (byImage.get(imageId) ?? []).map((container) => ({ ...container, imageId }))
      );
      return { ...summary, workloads: workloadCount(running), affected, running };
    }
  );
}

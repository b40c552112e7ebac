import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { InputError, NotFoundError, UsageError } from '../../core/errors.js';

export const errorCodes = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'too_many_requests',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** The one error body every route answers with. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}

/** The error body as JSON schema, for the OpenAPI document. */
export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: [...errorCodes] },
        message: { type: 'string' },
        field: { type: 'string' },
      },
    },
  },
} as const;

/** An error a route throws to answer with a status and code of its choosing. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message);
  }
}

export function errorBody(code: ErrorCode, message: string, field?: string): ErrorBody {
  return { error: { code, message, ...(field !== undefined ? { field } : {}) } };
}

/** `name: a cluster named "x" already exists` → `name`; the store's messages lead with the field. */
function leadingField(message: string): string | undefined {
  return /^([A-Za-z][\w.]*): /.exec(message)?.[1];
}

interface ValidationIssue {
  instancePath: string;
  params: Record<string, unknown>;
}

/** The field an Ajv issue is about: the missing or extra property, else the path's last part. */
function validationField(issue: ValidationIssue | undefined): string | undefined {
  if (issue === undefined) {
    return undefined;
  }
  const named = issue.params['missingProperty'] ?? issue.params['additionalProperty'];
  if (typeof named === 'string') {
    return named;
  }
  const path = issue.instancePath.split('/').filter((part) => part !== '');
  return path.length > 0 ? path.join('.') : undefined;
}

interface Answer {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
}

function answerFor(error: unknown, logger: FastifyBaseLogger): Answer {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      body: errorBody(error.code, error.message, error.field),
      headers: error.headers,
    };
  }
  if (error instanceof NotFoundError) {
    return { status: 404, body: errorBody('not_found', error.message) };
  }
  if (error instanceof InputError || error instanceof UsageError) {
    const conflict = / already exists$/.test(error.message);
    return {
      status: conflict ? 409 : 400,
      body: errorBody(
        conflict ? 'conflict' : 'bad_request',
        error.message,
        leadingField(error.message)
      ),
    };
  }
  const fastify = error as Partial<FastifyError> & { validation?: ValidationIssue[] };
  if (Array.isArray(fastify.validation)) {
    const message = fastify.message ?? 'invalid request';
    return {
      status: 400,
      body: errorBody('bad_request', message, validationField(fastify.validation[0])),
    };
  }
  const status = typeof fastify.statusCode === 'number' ? fastify.statusCode : 500;
  if (status === 413) {
    return { status, body: errorBody('bad_request', 'the request body is too large') };
  }
  if (status >= 400 && status < 500) {
    // Fastify's own client errors: a body that is not JSON, an unsupported media type.
    return { status, body: errorBody('bad_request', fastify.message ?? 'bad request') };
  }
  logger.error({ err: error }, 'request failed');
  return { status: 500, body: errorBody('internal', 'internal error') };
}

export function handleError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply
): FastifyReply {
  const answer = answerFor(error, request.log);
  for (const [name, value] of Object.entries(answer.headers ?? {})) {
    void reply.header(name, value);
  }
  return reply.status(answer.status).send(answer.body);
}

import type { FastifyRequest } from 'fastify';

/** Who made a change, as the store keeps it (`token <name>`): never the token itself. */
export function callerName(request: FastifyRequest): string {
  const caller = request.caller;
  return caller?.kind === 'token' ? `token ${caller.name}` : 'unknown';
}

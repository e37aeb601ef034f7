import { Logger } from '@nestjs/common';
import type { AuditService } from '@parcours/server-audit';
import { requestIdOfRaw } from '@parcours/server-http';
import type { FastifyInstance } from 'fastify';

/** Sign-in routes answer 401 for bad credentials; those are audited as `auth.*` entries. */
const OWN_AUDIT_PREFIX = '/api/v1/auth/';

/**
 * Every request answered 401 or 403 becomes an `access.refused` entry, written after the
 * response is sent (its own transaction: the request changed nothing). A failure to record is
 * logged, never turned into an error for a client that already has its answer.
 */
export function recordRefusedAccess(fastify: FastifyInstance, audit: AuditService): void {
  const logger = new Logger('AuditTrail');
  fastify.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode !== 401 && reply.statusCode !== 403) return;
    const path = request.url.split('?')[0] ?? request.url;
    if (path.startsWith(OWN_AUDIT_PREFIX)) return;
    // Set by the access guard once the bearer token was accepted (a 403 has one, a 401 not).
    const actor = (request as { actor?: { id?: unknown } }).actor;
    try {
      await audit.accessRefused({
        actorId: typeof actor?.id === 'string' ? actor.id : null,
        method: request.method,
        path,
        route: request.routeOptions.url ?? null,
        status: reply.statusCode,
        requestId: requestIdOfRaw(request.raw),
      });
    } catch (error) {
      logger.error(
        `could not record a refused access: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
}

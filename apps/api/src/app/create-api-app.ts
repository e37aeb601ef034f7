import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AuditService } from '@parcours/server-audit';
import { AppConfig } from '@parcours/server-config';
import {
  createValidationPipe,
  installRequestContext,
  ProblemDetailsFilter,
} from '@parcours/server-http';
import { MetricsService, requestIdOf } from '@parcours/server-observability';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { refusePrototypeKeys } from './auth/refuse-prototype-keys';
import { recordRefusedAccess } from './audit/record-refused-access';

/** JSON bodies above this are refused with 413 (uploads have their own, larger limit). */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Uploads are streamed, never held in memory: multipart files (documents, imports) through
 * @fastify/multipart, whose size limit each route sets, and `text/csv` bodies (imports) handed
 * to the route unread, which bounds them itself. Neither goes through the JSON body limit.
 */
async function acceptUploads(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: { files: 1, fields: 20, fieldSize: 64 * 1024, parts: 30, headerPairs: 100 },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser('text/csv', (_request, _payload, done) => done(null, undefined));
}

/** Up to this size, a body above the JSON limit is read and dropped before the 413 (see below). */
const OVERSIZE_DRAIN_BYTES = 8 * 1024 * 1024;

/**
 * A body declared larger than the JSON limit is refused (413) from its length, unread, and
 * Fastify then closes the connection. A client still sending has its write fail, and often
 * loses the answer with it (EPIPE before it read the 413): it sees a network error instead of
 * a problem naming the limit. Up to OVERSIZE_DRAIN_BYTES the body is read and dropped first, so
 * that the client finishes sending and reads its 413; beyond that the connection is closed at
 * once, as reading it would cost more than the answer is worth. Uploads (multipart, CSV) have
 * their own parsers and limits and are left alone.
 */
function drainOversizeBodies(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, _reply, done) => {
      const declared = Number(request.headers['content-length']);
      const type = request.headers['content-type'] ?? '';
      if (
        !(declared > JSON_BODY_LIMIT_BYTES) ||
        declared > OVERSIZE_DRAIN_BYTES ||
        type.startsWith('multipart/') ||
        type.startsWith('text/csv')
      ) {
        done();
        return;
      }
      let continued = false;
      const proceed = () => {
        if (continued) return;
        continued = true;
        done();
      };
      request.raw.once('end', proceed);
      request.raw.once('error', proceed);
      request.raw.resume();
    });
}

/** Builds the HTTP application: used by main.ts and by tests that need an in-process API. */
export async function createApiApp(): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    trustProxy: true,
    // Fastify's own logger stays off: nestjs-pino logs each request once, with its id.
    logger: false,
    // The request's one id (a valid incoming x-request-id, else a uuid). Fastify's middleware
    // layer copies it to the raw request, where pino-http takes it instead of generating its own.
    genReqId: requestIdOf,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // Refresh tokens travel as an httpOnly cookie scoped to /api/v1/auth (identity README).
  await app.register(fastifyCookie);
  await acceptUploads(app);
  drainOversizeBodies(app);
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();

  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  refusePrototypeKeys(fastify);
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeHttp(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // The request id reaches the audit trail (and any deep code) without being passed around.
  installRequestContext(fastify);
  recordRefusedAccess(fastify, app.get(AuditService));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Parcours API')
      .setDescription(
        'Case management of the unified innovation programme: startups, stage moves, ' +
          'mentoring, KPIs and analytics. Errors are application/problem+json (RFC 9457).',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
  });
  app.get(AppConfig);
  return app;
}

import fastifyCookie from '@fastify/cookie';
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

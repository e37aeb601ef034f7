import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
type BullBoardServerAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PROBLEM_TYPES } from '@parcours/server-http';
import { AuthService, hasRole } from '@parcours/server-identity';
import { OperationsService } from '@parcours/server-workflow';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where the bull-board dashboard is served. */
export const QUEUE_DASHBOARD_PATH = '/api/v1/operations/queues/ui';
/**
 * A browser opening the dashboard cannot send a bearer header: an admin first calls
 * `POST /operations/queue-dashboard/session` with their bearer token, which copies that access
 * token into this httpOnly, SameSite=Strict cookie scoped to the dashboard's path.
 */
export const QUEUE_DASHBOARD_COOKIE = 'parcours_queue_dashboard';

function problem(reply: FastifyReply, status: 401 | 403, detail: string) {
  return reply
    .status(status)
    .header('content-type', 'application/problem+json')
    .send({
      type: status === 401 ? PROBLEM_TYPES.unauthorized : PROBLEM_TYPES.forbidden,
      title: status === 401 ? 'Unauthorized' : 'Forbidden',
      status,
      detail,
    });
}

/**
 * Mounts bull-board (queues, jobs, retry of failed jobs) for admins. Every request under its
 * path, pages, assets and its JSON API alike, passes an onRequest hook that authenticates the
 * bearer token (or the dashboard cookie) through AuthService — the same check as the API's
 * guard, so a disabled account or a revoked grant stops at once — and requires the admin role.
 */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
    private readonly operations: OperationsService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const serverAdapter = new BullBoardFastifyAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: this.operations.queues().map((queue) => new BullMQAdapter(queue)),
      // @bull-board/fastify pins its own copy of @bull-board/api (a patch version apart); the
      // adapter interface is the same, only the two declaration files differ.
      serverAdapter: serverAdapter as unknown as BullBoardServerAdapter,
    });
    fastify.register(async (scope) => {
      scope.addHook('onRequest', (request, reply) => this.admit(request, reply));
      await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
    });
  }

  private async admit(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> {
    const header = request.headers['authorization'];
    const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    const token = bearer ?? request.cookies?.[QUEUE_DASHBOARD_COOKIE];
    if (!token) return problem(reply, 401, 'A bearer access token is required');
    const actor = await this.auth.authenticate(token).catch(() => null);
    if (!actor) return problem(reply, 401, 'The access token is invalid or expired');
    if (!hasRole(actor, 'admin')) {
      return problem(reply, 403, 'This action needs one of the roles: admin');
    }
    return undefined;
  }
}

import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@parcours/server-identity';
import { HealthService, MetricsService } from '@parcours/server-observability';

interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): void;
}

/** Liveness, readiness and metrics: outside /api/v1, for load balancers and Prometheus. */
@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly metrics: MetricsService,
  ) {}

  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res() reply: Reply): Promise<void> {
    const readiness = await this.health.readiness();
    reply.status(readiness.status === 'ok' ? 200 : 503).send(readiness);
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() reply: Reply): Promise<void> {
    const { contentType, body } = await this.metrics.render();
    reply.header('Content-Type', contentType).send(body);
  }
}

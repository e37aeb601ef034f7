/*
 * The raw baseline of the read cases: Fastify and a `pg` pool running the API's own SQL, with
 * no Nest, no authentication, no validation, no logging. Started by the bench as a process of
 * its own, like the API, so that both sides share the machine the same way.
 *
 * Environment: DATABASE_URL, PORT, STRUCTURES (the manager's structure ids, comma-separated),
 * DATABASE_POOL_SIZE (the API's default, 10).
 */
import Fastify from 'fastify';
import { Pool } from 'pg';
import {
  encodeCursor,
  startupByIdSql,
  startupPageSql,
  toView,
  type StartupRow,
} from './startup-queries';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

async function main(): Promise<void> {
  const structures = env('STRUCTURES').split(',');
  const pool = new Pool({
    connectionString: env('DATABASE_URL'),
    max: Number(process.env['DATABASE_POOL_SIZE'] ?? 10),
    application_name: 'parcours-bench-raw',
  });
  const byId = startupByIdSql(structures.length);
  const page = startupPageSql(structures.length);
  const app = Fastify({ logger: false });

  app.get<{ Params: { id: string } }>('/api/v1/startups/:id', async (request, reply) => {
    const { rows } = await pool.query<StartupRow>(byId, [...structures, request.params.id]);
    if (rows.length === 0) return reply.code(404).send({ status: 404 });
    return toView(rows[0]);
  });

  app.get<{ Querystring: { territory: string; domain: string; limit?: string } }>(
    '/api/v1/startups',
    async (request) => {
      const limit = Number(request.query.limit ?? 50);
      const { rows } = await pool.query<StartupRow>(page, [
        ...structures,
        request.query.territory,
        request.query.domain,
        limit + 1,
      ]);
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return {
        items: items.map(toView),
        nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null,
      };
    },
  );

  app.get('/health/ready', async () => ({ status: 'ok' }));
  await app.listen({ host: '127.0.0.1', port: Number(env('PORT')) });
  const close = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

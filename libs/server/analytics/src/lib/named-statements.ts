import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { SqlRunner } from './rollups/rollups';

/** The part of node-postgres' client this module uses. */
interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** A statement's name on the server: a digest of its text, so one text always has one name. */
export const statementName = (text: string) =>
  `parcours_analytics_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;

/**
 * Runs queries on the connection of `em`'s transaction as named prepared statements: each text
 * is parsed and analysed once per connection, then only bound and planned. On this workload the
 * parsing and analysis of a bucket query cost as much as running it (0.4–4 ms per query
 * measured at national scale). Each execution is still planned for its own parameters (the
 * caller sets `plan_cache_mode = force_custom_plan`): the generic plans of these queries measured
 * 20–30 times slower, the periods and keys they are given being far from uniform.
 *
 * The texts are the readers' templates, a few hundred at most: the statements a connection keeps
 * stay few, and they go with the connection when the pool closes it.
 */
export async function namedStatements(em: EntityManager): Promise<SqlRunner> {
  if (!em.queryRunner) throw new Error('named statements need a transaction’s entity manager');
  const client = (await em.queryRunner.connect()) as PgClient;
  const query = async (text: string, values: unknown[] = []) =>
    (await client.query({ name: statementName(text), text, values })).rows;
  return { query: query as SqlRunner['query'] };
}

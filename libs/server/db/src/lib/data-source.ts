import * as pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseConnectionSettings {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Connections in the pool; pg's default (10) when absent. */
  poolSize?: number;
  /** Shown in pg_stat_activity, which tells the API's connections from the workers'. */
  applicationName?: string;
}

/**
 * The one place that says how we talk to PostgreSQL. The schema belongs to the migrations:
 * TypeORM never synchronises and never installs extensions (the runtime role need not be a
 * superuser); whether migrations run at start is the caller's decision.
 */
export function createDataSourceOptions(settings: DatabaseConnectionSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    applicationName: settings.applicationName,
    poolSize: settings.poolSize,
    entities: [...ENTITIES],
    migrations: [...MIGRATIONS],
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    installExtensions: false,
    // Entities declare uuid keys; the database generates them with the built-in gen_random_uuid().
    uuidExtension: 'pgcrypto',
    // Handed over rather than left to TypeORM's own require('pg'), which resolves pg's ESM
    // build and finds no Pool when TypeORM is itself loaded as ESM (by @nestjs/typeorm, in jest).
    driver: pg,
  };
}

export function createDataSource(settings: DatabaseConnectionSettings): DataSource {
  return new DataSource(createDataSourceOptions(settings));
}

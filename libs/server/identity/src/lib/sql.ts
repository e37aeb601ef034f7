import type { EntityManager } from 'typeorm';

/**
 * Where a repository method runs its SQL: the DataSource, or the EntityManager of a transaction
 * that must also hold the audit entry of the change.
 */
export type Sql = Pick<EntityManager, 'query'>;

import { RequestContext } from '@parcours/server-http';
import type { EntityManager } from 'typeorm';
import { GENESIS_HASH, auditHash, type AuditContent } from './audit-hash';
import { toJsonValue } from './canonical-json';

/** What a caller says about a change; the chain fields are the writer's. */
export interface AuditEntryInput {
  /** `<subject>.<verb>`, lower case: see `AUDIT_ACTIONS` in @parcours/contracts. */
  action: string;
  /** See `AUDIT_ENTITY_TYPES`. */
  entityType: string;
  entityId: string;
  /** The signed-in user; null for the system or an anonymous caller. */
  actorId: string | null;
  /** The startup the entry concerns, if any: managers read the entries of their startups. */
  startupId?: string | null;
  /** JSON-serialisable; omit when meaningless (a creation has no `before`). */
  before?: unknown;
  after?: unknown;
  /** Defaults to the id of the HTTP request being served (RequestContext); null outside one. */
  requestId?: string | null;
}

export interface RecordedAuditEntry extends AuditContent {
  prevHash: string;
  hash: string;
}

/** Serialises writers of the chain; taken inside the writer's own transaction. */
export const AUDIT_CHAIN_LOCK = 'parcours:audit-chain';

const ACTION_SHAPE = /^[a-z][a-z_]*([.][a-z][a-z_]*)+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class AuditEntryError extends Error {
  override name = 'AuditEntryError';
}

function uuidOrNull(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (!UUID.test(value))
    throw new AuditEntryError(`${field} must be a uuid, got ${JSON.stringify(value)}`);
  // PostgreSQL prints uuids in lower case: hash what will be read back.
  return value.toLowerCase();
}

function checkedInput(input: AuditEntryInput) {
  if (!ACTION_SHAPE.test(input.action)) {
    throw new AuditEntryError(
      `action must look like "subject.verb", got ${JSON.stringify(input.action)}`,
    );
  }
  if (input.entityType.trim() === '') throw new AuditEntryError('entityType must not be blank');
  if (input.entityId.trim() === '') throw new AuditEntryError('entityId must not be blank');
  return {
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    actorId: uuidOrNull(input.actorId, 'actorId'),
    startupId: uuidOrNull(input.startupId, 'startupId'),
    before: toJsonValue(input.before),
    after: toJsonValue(input.after),
    requestId: input.requestId === undefined ? RequestContext.requestId() : input.requestId,
  };
}

const asJsonParameter = (value: unknown) => (value === null ? null : JSON.stringify(value));

/**
 * Appends one entry to the audit chain in the caller's transaction: the entry commits or rolls
 * back with the change it records.
 *
 * Writers are serialised by a transaction-scoped advisory lock taken before the head is read,
 * so two transactions never chain onto the same predecessor (and the unique `prev_hash` would
 * refuse it if they did). The lock is held until the caller commits: record entries after the
 * transaction has taken its row locks, so that no one waits for a row while holding the chain.
 */
export async function recordAudit(
  em: EntityManager,
  input: AuditEntryInput,
): Promise<RecordedAuditEntry> {
  if (!em.queryRunner?.isTransactionActive) {
    throw new AuditEntryError(
      'recordAudit needs the EntityManager of the transaction making the change ' +
        '(dataSource.transaction(em => ...)); use AuditService.recordStandalone for events that change nothing',
    );
  }
  const entry = checkedInput(input);
  const [lock]: { isolation: string }[] = await em.query(
    `SELECT pg_advisory_xact_lock(hashtext($1)), current_setting('transaction_isolation') AS isolation`,
    [AUDIT_CHAIN_LOCK],
  );
  // A snapshot taken before the lock would not see the entries committed while we waited.
  if (lock?.isolation !== 'read committed') {
    throw new AuditEntryError(
      `audit entries are written in READ COMMITTED transactions, not ${lock?.isolation}`,
    );
  }
  const [head]: { id: string; occurred_at: Date; prev_hash: string | null }[] = await em.query(
    `SELECT nextval(pg_get_serial_sequence('audit_entry', 'id'))::text AS id,
            date_trunc('milliseconds', clock_timestamp()) AS occurred_at,
            (SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1) AS prev_hash`,
  );
  const content: AuditContent = {
    id: head.id,
    occurredAt: new Date(head.occurred_at).toISOString(),
    ...entry,
  };
  const prevHash = head.prev_hash ?? GENESIS_HASH;
  const hash = auditHash(prevHash, content);
  await em.query(
    `INSERT INTO audit_entry (id, occurred_at, actor_id, action, entity_type, entity_id, startup_id,
                              before, after, request_id, prev_hash, hash)
     VALUES ($1::bigint, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12)`,
    [
      content.id,
      head.occurred_at,
      content.actorId,
      content.action,
      content.entityType,
      content.entityId,
      content.startupId,
      asJsonParameter(content.before),
      asJsonParameter(content.after),
      content.requestId,
      prevHash,
      hash,
    ],
  );
  return { ...content, prevHash, hash };
}

/**
 * Appends many entries to the chain in the caller's transaction, in the order given, with a
 * handful of statements whatever their number: the chain lock is taken once, the ids are drawn
 * from the sequence in one query and the hashes chained in memory (each entry's `prev_hash` is
 * the hash of the one before it in the list), then one multi-row INSERT. The entries are exactly
 * those that as many `recordAudit` calls would have written, but for sharing one `occurred_at`.
 */
export async function recordAuditBatch(
  em: EntityManager,
  inputs: readonly AuditEntryInput[],
): Promise<RecordedAuditEntry[]> {
  if (inputs.length === 0) return [];
  if (!em.queryRunner?.isTransactionActive) {
    throw new AuditEntryError(
      'recordAuditBatch needs the EntityManager of the transaction making the changes',
    );
  }
  const entries = inputs.map(checkedInput);
  const [lock]: { isolation: string }[] = await em.query(
    `SELECT pg_advisory_xact_lock(hashtext($1)), current_setting('transaction_isolation') AS isolation`,
    [AUDIT_CHAIN_LOCK],
  );
  if (lock?.isolation !== 'read committed') {
    throw new AuditEntryError(
      `audit entries are written in READ COMMITTED transactions, not ${lock?.isolation}`,
    );
  }
  const [head]: { ids: string[]; occurred_at: Date; prev_hash: string | null }[] = await em.query(
    `SELECT ARRAY(SELECT nextval(pg_get_serial_sequence('audit_entry', 'id'))::text
                    FROM generate_series(1, $1::int)) AS ids,
            date_trunc('milliseconds', clock_timestamp()) AS occurred_at,
            (SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1) AS prev_hash`,
    [entries.length],
  );
  // The verifier walks the chain in id order: the entries take the ids drawn in ascending order.
  const ids = head.ids.map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const occurredAt = new Date(head.occurred_at).toISOString();
  let prevHash = head.prev_hash ?? GENESIS_HASH;
  const recorded = entries.map((entry, index) => {
    const content: AuditContent = { id: ids[index].toString(), occurredAt, ...entry };
    const hash = auditHash(prevHash, content);
    const written = { ...content, prevHash, hash };
    prevHash = hash;
    return written;
  });
  const column = <T>(pick: (entry: RecordedAuditEntry) => T) => recorded.map(pick);
  await em.query(
    `INSERT INTO audit_entry (id, occurred_at, actor_id, action, entity_type, entity_id, startup_id,
                              before, after, request_id, prev_hash, hash)
     SELECT e.id, $2, e.actor_id, e.action, e.entity_type, e.entity_id, e.startup_id, e.before,
            e.after, e.request_id, e.prev_hash, e.hash
       FROM unnest($1::bigint[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::uuid[],
                   $8::jsonb[], $9::jsonb[], $10::text[], $11::text[], $12::text[])
            AS e(id, actor_id, action, entity_type, entity_id, startup_id, before, after,
                 request_id, prev_hash, hash)`,
    [
      column((entry) => entry.id),
      head.occurred_at,
      column((entry) => entry.actorId),
      column((entry) => entry.action),
      column((entry) => entry.entityType),
      column((entry) => entry.entityId),
      column((entry) => entry.startupId),
      column((entry) => asJsonParameter(entry.before)),
      column((entry) => asJsonParameter(entry.after)),
      column((entry) => entry.requestId),
      column((entry) => entry.prevHash),
      column((entry) => entry.hash),
    ],
  );
  return recorded;
}

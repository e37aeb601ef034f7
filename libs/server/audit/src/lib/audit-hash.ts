import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical-json';

/** The `prev_hash` of the first entry: a fixed value every verifier knows. */
export const GENESIS_HASH = '0'.repeat(64);

/** Everything an entry says, in the form that is hashed (and read back from the database). */
export interface AuditContent {
  /** The chain position (bigint as a string): binds the entry to its place. */
  id: string;
  /** ISO 8601 with milliseconds, UTC. */
  occurredAt: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  startupId: string | null;
  before: JsonValue;
  after: JsonValue;
  requestId: string | null;
}

/** hash = SHA-256(prev_hash ‖ canonical JSON of the content), lower-case hex. */
export function auditHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256')
    .update(prevHash, 'utf8')
    .update(canonicalJson(content), 'utf8')
    .digest('hex');
}

/** A stored row as the pg driver returns it (bigint as string, timestamptz as Date, jsonb parsed). */
export interface AuditRow {
  id: string;
  occurred_at: Date;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  startup_id: string | null;
  before: JsonValue;
  after: JsonValue;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export function contentOfRow(row: AuditRow): AuditContent {
  return {
    id: String(row.id),
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorId: row.actor_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    startupId: row.startup_id,
    before: row.before ?? null,
    after: row.after ?? null,
    requestId: row.request_id,
  };
}

export interface ChainBreak {
  id: string;
  reason: string;
}

/**
 * Walks the chain one row at a time, in id order, and remembers the first row that does not
 * verify. Pure, so that the rules are tested without a database; the service feeds it pages.
 */
export class ChainVerifier {
  private expectedPrevHash = GENESIS_HASH;
  private lastId: string | null = null;
  private count = 0;
  private broken: ChainBreak | null = null;

  accept(row: AuditRow): void {
    this.count += 1;
    this.lastId = String(row.id);
    if (this.broken === null) {
      if (row.prev_hash !== this.expectedPrevHash) {
        this.broken = {
          id: String(row.id),
          reason:
            'prev_hash does not match the hash of the entry before it: an entry was removed, inserted or reordered',
        };
      } else if (auditHash(row.prev_hash, contentOfRow(row)) !== row.hash) {
        this.broken = {
          id: String(row.id),
          reason: 'the content of the entry does not match its hash: the entry was altered',
        };
      }
    }
    // Follow the stored hashes after a break too, so that the head reported is the real one.
    this.expectedPrevHash = row.hash;
  }

  get result() {
    return {
      valid: this.broken === null,
      entries: this.count,
      head: this.expectedPrevHash,
      headId: this.lastId,
      ...(this.broken ? { firstInvalid: this.broken } : {}),
    };
  }
}

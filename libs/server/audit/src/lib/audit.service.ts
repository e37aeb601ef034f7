import { Injectable } from '@nestjs/common';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  type AuditEntryView,
  type AuditVerification,
  type Page,
} from '@parcours/contracts';
import { decodeCursor, encodeCursor, validationProblem } from '@parcours/server-http';
import { DataSource, type EntityManager } from 'typeorm';
import { ChainVerifier, type AuditRow } from './audit-hash';
import { recordAudit, type AuditEntryInput, type RecordedAuditEntry } from './record-audit';

/** A boolean SQL condition over the startup alias `s`, with TypeORM named parameters. */
export interface StartupCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Which entries a reader may see. `ALL`: every entry (admins, funders over everything).
 * `STARTUPS`: only entries about startups matching the condition (`startupVisibility` of the
 * reader's manager/funder grants). Funders never see personal data: `redactPersonalData`.
 */
export type AuditReadScope =
  | { kind: 'ALL'; redactPersonalData: boolean }
  | { kind: 'STARTUPS'; visibility: StartupCondition; redactPersonalData: boolean };

export interface AuditQuery {
  entityId?: string;
  actorId?: string;
  startupId?: string;
  action?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  limit: number;
  cursor?: string;
}

/**
 * Rows read per query by `verify`: memory stays flat whatever the length of the chain. Entries
 * can be large (`startup.created` holds the startup's description, up to a few KB): 1,000 of them
 * stay around 15 MiB of heap, where 5,000 imported startups took about 60 MiB.
 */
export const VERIFY_PAGE_SIZE = 1000;

const COLUMNS = `e.id::text AS id, e.occurred_at, e.actor_id, e.action, e.entity_type, e.entity_id,
  e.startup_id, e.before, e.after, e.request_id, e.prev_hash, e.hash`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Entries that hold who signed in, or data of a user account: personal data. Mentoring entries
 * too: their notes are written about founders, and private notes never reach funders.
 */
const isPersonal = (row: AuditRow) =>
  row.entity_type === AUDIT_ENTITY_TYPES.user ||
  row.entity_type === AUDIT_ENTITY_TYPES.roleGrant ||
  row.entity_type === AUDIT_ENTITY_TYPES.mentoringSession ||
  row.entity_type === AUDIT_ENTITY_TYPES.actionItem ||
  row.action.startsWith('auth.') ||
  row.action.startsWith('user.');

function toView(row: AuditRow, redactPersonalData: boolean): AuditEntryView {
  const redacted = redactPersonalData && isPersonal(row);
  return {
    id: String(row.id),
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorId: row.actor_id,
    action: row.action,
    entityType: row.entity_type,
    // A failed sign-in with an unknown e-mail is filed under that e-mail: withheld too.
    entityId: redacted && !UUID.test(row.entity_id) ? '(redacted)' : row.entity_id,
    startupId: row.startup_id,
    before: redacted ? null : (row.before ?? null),
    after: redacted ? null : (row.after ?? null),
    redacted,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Longest e-mail kept from a failed sign-in: the address limit of RFC 5321. */
const MAX_ATTEMPTED_EMAIL = 320;
/** Longest request path kept for a refused request. */
const MAX_REFUSED_PATH = 2048;

/**
 * The audit trail: record (in the caller's transaction), read in a reader's scope, verify.
 * Global module: inject it anywhere without importing AuditModule.
 */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends an entry in the transaction of `em`, which must be the one making the change.
   * Call it after the transaction took its row locks (see `recordAudit`).
   */
  record(em: EntityManager, entry: AuditEntryInput): Promise<RecordedAuditEntry> {
    return recordAudit(em, entry);
  }

  /** For events that change nothing else (a sign-in, a refused request): a transaction of its own. */
  recordStandalone(entry: AuditEntryInput): Promise<RecordedAuditEntry> {
    return this.dataSource.transaction((em) => recordAudit(em, entry));
  }

  loginSucceeded(user: { id: string; email: string }, address?: string | null) {
    return this.recordStandalone({
      action: AUDIT_ACTIONS.loginSucceeded,
      entityType: AUDIT_ENTITY_TYPES.user,
      entityId: user.id,
      actorId: user.id,
      after: { email: user.email, address: address ?? null },
    });
  }

  /** `userId` when the e-mail belongs to an account (wrong password, disabled account). */
  loginFailed(email: string, userId: string | null, address?: string | null) {
    const attempted = email.trim().toLowerCase().slice(0, MAX_ATTEMPTED_EMAIL) || '(blank)';
    return this.recordStandalone({
      action: AUDIT_ACTIONS.loginFailed,
      entityType: AUDIT_ENTITY_TYPES.user,
      entityId: userId ?? attempted,
      actorId: null,
      after: { email: attempted, knownAccount: userId !== null, address: address ?? null },
    });
  }

  /** A request answered 401 or 403. */
  accessRefused(refusal: {
    actorId: string | null;
    method: string;
    path: string;
    route: string | null;
    status: number;
    /** Recorded after the response, outside the request's context: passed explicitly. */
    requestId: string | null;
  }) {
    return this.recordStandalone({
      action: AUDIT_ACTIONS.accessRefused,
      entityType: AUDIT_ENTITY_TYPES.route,
      entityId: refusal.path.slice(0, MAX_REFUSED_PATH),
      actorId: refusal.actorId,
      after: { method: refusal.method, route: refusal.route, status: refusal.status },
      requestId: refusal.requestId,
    });
  }

  /** Newest first, keyset-paginated on the chain id. */
  async list(query: AuditQuery, scope: AuditReadScope): Promise<Page<AuditEntryView>> {
    const qb = this.dataSource.createQueryBuilder().select(COLUMNS).from('audit_entry', 'e');
    if (scope.kind === 'STARTUPS') {
      qb.andWhere(
        `e.startup_id IS NOT NULL AND EXISTS (SELECT 1 FROM startup s WHERE s.id = e.startup_id AND ${scope.visibility.sql})`,
        scope.visibility.params,
      );
    }
    if (scope.redactPersonalData && query.entityId !== undefined && !UUID.test(query.entityId)) {
      // Searching withheld entries by an e-mail would tell whether that person tried to sign in.
      qb.andWhere(
        `NOT (e.entity_type IN (:...personalTypes) OR e.action LIKE 'auth.%' OR e.action LIKE 'user.%')`,
        { personalTypes: [AUDIT_ENTITY_TYPES.user, AUDIT_ENTITY_TYPES.roleGrant] },
      );
    }
    if (query.entityId !== undefined)
      qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId !== undefined)
      qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.startupId !== undefined)
      qb.andWhere('e.startup_id = :startupId', { startupId: query.startupId });
    if (query.action !== undefined) qb.andWhere('e.action = :action', { action: query.action });
    if (query.from !== undefined) qb.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to !== undefined) qb.andWhere('e.occurred_at < :to', { to: query.to });
    if (query.cursor !== undefined) {
      const [lastId] = decodeCursor(query.cursor, 1);
      if (typeof lastId !== 'string' || !/^\d{1,19}$/.test(lastId)) {
        throw validationProblem([{ path: 'cursor', message: 'invalid cursor' }]);
      }
      qb.andWhere('e.id < :lastId', { lastId });
    }
    const rows = await qb
      .orderBy('e.id', 'DESC')
      .limit(query.limit + 1)
      .getRawMany<AuditRow>();
    const items = rows.slice(0, query.limit).map((row) => toView(row, scope.redactPersonalData));
    const last = items.at(-1);
    return {
      items,
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null,
    };
  }

  /**
   * Recomputes the whole chain from the genesis value, `pageSize` rows per query in id order,
   * and names the first entry that does not verify.
   */
  async verify(pageSize = VERIFY_PAGE_SIZE): Promise<AuditVerification> {
    const verifier = new ChainVerifier();
    let lastId: string | null = null;
    for (;;) {
      const rows: AuditRow[] = await this.dataSource.query(
        `SELECT ${COLUMNS} FROM audit_entry e
          WHERE $1::bigint IS NULL OR e.id > $1::bigint
          ORDER BY e.id LIMIT $2`,
        [lastId, pageSize],
      );
      for (const row of rows) verifier.accept(row);
      if (rows.length < pageSize) return verifier.result;
      lastId = String(rows[rows.length - 1].id);
    }
  }
}

import { createHash } from 'node:crypto';
import {
  ChainVerifier,
  GENESIS_HASH,
  auditHash,
  contentOfRow,
  type AuditContent,
  type AuditRow,
} from './audit-hash';

const content = (overrides: Partial<AuditContent> = {}): AuditContent => ({
  id: '1',
  occurredAt: '2026-03-01T09:00:00.000Z',
  actorId: '8b2a3f2e-1c4d-4e5f-8a9b-0c1d2e3f4a5b',
  action: 'startup.created',
  entityType: 'startup',
  entityId: '0f1e2d3c-4b5a-4697-8877-665544332211',
  startupId: '0f1e2d3c-4b5a-4697-8877-665544332211',
  before: null,
  after: { name: 'Hublot', stage: 'DETECTION' },
  requestId: 'req-1',
  ...overrides,
});

/** Builds a valid chain of rows as the database would return them. */
function chain(length: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let index = 1; index <= length; index += 1) {
    const entry = content({ id: String(index), after: { step: index } });
    const hash = auditHash(prevHash, entry);
    rows.push({
      id: entry.id,
      occurred_at: new Date(entry.occurredAt),
      actor_id: entry.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      startup_id: entry.startupId,
      before: entry.before,
      after: entry.after,
      request_id: entry.requestId,
      prev_hash: prevHash,
      hash,
    });
    prevHash = hash;
  }
  return rows;
}

function verify(rows: AuditRow[]) {
  const verifier = new ChainVerifier();
  rows.forEach((row) => verifier.accept(row));
  return verifier.result;
}

describe('auditHash', () => {
  it('is SHA-256 of the previous hash followed by the canonical JSON of the content', () => {
    const expectedText =
      GENESIS_HASH +
      '{"action":"startup.created","actorId":"8b2a3f2e-1c4d-4e5f-8a9b-0c1d2e3f4a5b",' +
      '"after":{"name":"Hublot","stage":"DETECTION"},"before":null,' +
      '"entityId":"0f1e2d3c-4b5a-4697-8877-665544332211","entityType":"startup","id":"1",' +
      '"occurredAt":"2026-03-01T09:00:00.000Z","requestId":"req-1",' +
      '"startupId":"0f1e2d3c-4b5a-4697-8877-665544332211"}';

    expect(auditHash(GENESIS_HASH, content())).toBe(
      createHash('sha256').update(expectedText).digest('hex'),
    );
  });

  it('changes with any field of the content and with the previous hash', () => {
    const base = auditHash(GENESIS_HASH, content());
    expect(auditHash(GENESIS_HASH, content({ id: '2' }))).not.toBe(base);
    expect(auditHash(GENESIS_HASH, content({ actorId: null }))).not.toBe(base);
    expect(
      auditHash(GENESIS_HASH, content({ after: { name: 'Hublot', stage: 'NURSERY' } })),
    ).not.toBe(base);
    expect(auditHash(GENESIS_HASH, content({ occurredAt: '2026-03-01T09:00:00.001Z' }))).not.toBe(
      base,
    );
    expect(auditHash('f'.repeat(64), content())).not.toBe(base);
  });

  it('is the same for a row read back from the database', () => {
    const [row] = chain(1);
    expect(auditHash(row.prev_hash, contentOfRow(row))).toBe(row.hash);
  });
});

describe('ChainVerifier', () => {
  it('accepts an intact chain and reports its head', () => {
    const rows = chain(4);
    expect(verify(rows)).toEqual({ valid: true, entries: 4, head: rows[3].hash, headId: '4' });
  });

  it('reports an empty chain as valid with the genesis head', () => {
    expect(verify([])).toEqual({ valid: true, entries: 0, head: GENESIS_HASH, headId: null });
  });

  it('names an altered entry', () => {
    const rows = chain(4);
    rows[1] = { ...rows[1], after: { step: 99 } };
    expect(verify(rows)).toMatchObject({ valid: false, entries: 4, firstInvalid: { id: '2' } });
    expect(verify(rows).firstInvalid?.reason).toMatch(/altered/);
  });

  it('names the entry after a removed one', () => {
    const rows = chain(4);
    rows.splice(1, 1);
    expect(verify(rows)).toMatchObject({ valid: false, entries: 3, firstInvalid: { id: '3' } });
    expect(verify(rows).firstInvalid?.reason).toMatch(/removed, inserted or reordered/);
  });

  it('names a rehashed entry by its successor: recomputing one hash is not enough', () => {
    const rows = chain(3);
    const forged = { ...rows[1], after: { step: 42 } };
    forged.hash = auditHash(forged.prev_hash, contentOfRow(forged));
    rows[1] = forged;
    expect(verify(rows).firstInvalid).toMatchObject({ id: '3' });
  });

  it('refuses a chain that does not start from the genesis value', () => {
    const rows = chain(3).slice(1);
    expect(verify(rows).firstInvalid).toMatchObject({ id: '2' });
  });
});

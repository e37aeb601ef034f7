import { AUDIT_ACTIONS } from '@parcours/contracts';
import { RequestContext } from '@parcours/server-http';
import { Builders, createTestDatabase, type TestDatabase } from '@parcours/server-testing';
import type { EntityManager } from 'typeorm';
import { GENESIS_HASH } from './audit-hash';
import { AuditService } from './audit.service';
import {
  AuditEntryError,
  recordAudit,
  recordAuditBatch,
  type AuditEntryInput,
} from './record-audit';

let db: TestDatabase;
let audit: AuditService;
let actorId: string;
let startupId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  audit = new AuditService(db.dataSource);
  actorId = await new Builders(db.dataSource).user('auditor@example.test');
  const rows: { id: string }[] = await db.dataSource.query(
    `INSERT INTO startup (name, domain, territory_code, stage) VALUES ('Hublot', 'SMART_CITIES', 'CAEN', 'DETECTION')
     RETURNING id`,
  );
  startupId = rows[0].id;
});
afterAll(() => db.drop());

const entry = (step: number, overrides: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
  action: AUDIT_ACTIONS.startupUpdated,
  entityType: 'startup',
  entityId: startupId,
  startupId,
  actorId,
  before: { step: step - 1 },
  after: { step, at: new Date('2026-03-01T09:00:00Z') },
  ...overrides,
});

const record = (input: AuditEntryInput) =>
  db.dataSource.transaction((em: EntityManager) => recordAudit(em, input));

const ids = async (): Promise<string[]> =>
  (await db.dataSource.query(`SELECT id::text AS id FROM audit_entry ORDER BY audit_entry.id`)).map(
    (row: { id: string }) => row.id,
  );

/** Runs SQL as the superuser with user triggers off: what an attacker with the keys could do. */
async function tamper(statements: string[], params: unknown[][] = []): Promise<void> {
  const runner = db.dataSource.createQueryRunner();
  try {
    await runner.query(`SET session_replication_role = replica`);
    for (const [index, sql] of statements.entries()) await runner.query(sql, params[index] ?? []);
  } finally {
    await runner.query(`RESET session_replication_role`);
    await runner.release();
  }
}

describe('appending', () => {
  it('chains entries from the genesis value, with the request id of the current request', async () => {
    const first = await RequestContext.run({ requestId: 'req-append' }, () => record(entry(1)));
    const second = await record(entry(2, { requestId: 'explicit' }));

    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(first.requestId).toBe('req-append');
    expect(second.prevHash).toBe(first.hash);
    expect(second.requestId).toBe('explicit');
    const stored: { actor_id: string; after: unknown; request_id: string }[] =
      await db.dataSource.query(
        `SELECT actor_id, after, request_id FROM audit_entry WHERE id = $1`,
        [first.id],
      );
    expect(stored[0]).toEqual({
      actor_id: actorId,
      after: { step: 1, at: '2026-03-01T09:00:00.000Z' },
      request_id: 'req-append',
    });
    await expect(audit.verify()).resolves.toEqual({
      valid: true,
      entries: 2,
      head: second.hash,
      headId: second.id,
    });
  });

  it('commits or rolls back with the change it records', async () => {
    const before = await ids();
    await expect(
      db.dataSource.transaction(async (em) => {
        await em.query(`UPDATE startup SET name = 'Renamed' WHERE id = $1`, [startupId]);
        await recordAudit(em, entry(3));
        throw new Error('the change fails after its entry was written');
      }),
    ).rejects.toThrow('the change fails');

    expect(await ids()).toEqual(before);
    await expect(audit.verify()).resolves.toMatchObject({ valid: true });
  });

  it('is never written apart from a transaction', async () => {
    await expect(recordAudit(db.dataSource.manager, entry(4))).rejects.toBeInstanceOf(
      AuditEntryError,
    );
  });

  it('refuses a transaction whose snapshot could predate the head', async () => {
    await expect(
      db.dataSource.transaction('REPEATABLE READ', (em) => recordAudit(em, entry(4))),
    ).rejects.toThrow(/READ COMMITTED/);
  });

  it('refuses malformed entries before touching the chain', async () => {
    await expect(record(entry(4, { action: 'Startup Updated' }))).rejects.toBeInstanceOf(
      AuditEntryError,
    );
    await expect(record(entry(4, { actorId: 'not-a-uuid' }))).rejects.toBeInstanceOf(
      AuditEntryError,
    );
  });
});

describe('append-only in the database', () => {
  it.each([
    [
      'UPDATE',
      `UPDATE audit_entry SET after = '{"step": 0}' WHERE id = (SELECT min(id) FROM audit_entry)`,
    ],
    ['DELETE', `DELETE FROM audit_entry WHERE id = (SELECT min(id) FROM audit_entry)`],
    ['TRUNCATE', `TRUNCATE audit_entry`],
  ])('refuses %s, even to the superuser the application connects as', async (operation, sql) => {
    await record(entry(5));
    const before = await ids();

    await expect(db.dataSource.query(sql)).rejects.toMatchObject({
      message: `audit_entry is append-only: ${operation} refused`,
    });
    expect(await ids()).toEqual(before);
  });

  it('refuses a second entry naming the same predecessor: a fork cannot be committed', async () => {
    const head = await record(entry(6));
    await expect(
      db.dataSource.query(
        `INSERT INTO audit_entry (occurred_at, action, entity_type, entity_id, prev_hash, hash)
         VALUES (now(), 'startup.updated', 'startup', 'x', $1, $2)`,
        [head.prevHash, 'a'.repeat(64)],
      ),
    ).rejects.toMatchObject({ code: '23505', constraint: 'uq_audit_entry_prev_hash' });
  });
});

describe('tampering as the database superuser is detected by verify', () => {
  let chain: string[];

  beforeAll(async () => {
    for (let step = 10; step < 16; step += 1) await record(entry(step));
    await expect(audit.verify()).resolves.toMatchObject({ valid: true });
    chain = await ids();
  });

  /** Each case tampers, checks what verify says, then restores the rows byte for byte. */
  async function expectDetected(
    change: () => Promise<void>,
    restore: () => Promise<void>,
    firstInvalidId: () => string,
  ) {
    const intact = await audit.verify();
    await change();
    try {
      for (const pageSize of [5000, 2]) {
        const result = await audit.verify(pageSize);
        expect(result).toMatchObject({ valid: false, firstInvalid: { id: firstInvalidId() } });
      }
    } finally {
      await restore();
    }
    await expect(audit.verify()).resolves.toEqual(intact);
  }

  it('an entry whose after was changed', async () => {
    const target = () => chain[4];
    const original = await db.dataSource.query(`SELECT after FROM audit_entry WHERE id = $1`, [
      target(),
    ]);
    await expectDetected(
      () => tamper([`UPDATE audit_entry SET after = '{"step": 999}' WHERE id = $1`], [[target()]]),
      () =>
        tamper(
          [`UPDATE audit_entry SET after = $2::jsonb WHERE id = $1`],
          [[target(), JSON.stringify(original[0].after)]],
        ),
      target,
    );
  });

  it('an entry whose actor was changed', async () => {
    const other = await new Builders(db.dataSource).user('scapegoat@example.test');
    const target = () => chain[2];
    await expectDetected(
      () => tamper([`UPDATE audit_entry SET actor_id = $2 WHERE id = $1`], [[target(), other]]),
      () => tamper([`UPDATE audit_entry SET actor_id = $2 WHERE id = $1`], [[target(), actorId]]),
      target,
    );
  });

  it('an entry whose content and hash were both recomputed', async () => {
    const target = () => chain[3];
    const original: { after: unknown; hash: string }[] = await db.dataSource.query(
      `SELECT after, hash FROM audit_entry WHERE id = $1`,
      [target()],
    );
    await expectDetected(
      // A forger who knows the scheme rehashes the entry: its successor no longer follows.
      async () => {
        const forged = { step: 'forged' };
        const rows: { prev_hash: string }[] = await db.dataSource.query(
          `SELECT prev_hash FROM audit_entry WHERE id = $1`,
          [target()],
        );
        const { auditHash, contentOfRow } = await import('./audit-hash');
        const [row] = await db.dataSource.query(
          `SELECT id::text AS id, * FROM audit_entry WHERE id = $1`,
          [target()],
        );
        const hash = auditHash(
          rows[0].prev_hash,
          contentOfRow({ ...row, id: target(), after: forged }),
        );
        await tamper(
          [`UPDATE audit_entry SET after = $2::jsonb, hash = $3 WHERE id = $1`],
          [[target(), JSON.stringify(forged), hash]],
        );
      },
      () =>
        tamper(
          [`UPDATE audit_entry SET after = $2::jsonb, hash = $3 WHERE id = $1`],
          [[target(), JSON.stringify(original[0].after), original[0].hash]],
        ),
      () => chain[4],
    );
  });

  it('a deleted entry', async () => {
    const target = chain[2];
    const saved = `audit_saved_${target}`;
    await expectDetected(
      () =>
        tamper([
          `CREATE TABLE ${saved} AS SELECT * FROM audit_entry WHERE id = ${target}`,
          `DELETE FROM audit_entry WHERE id = ${target}`,
        ]),
      () => tamper([`INSERT INTO audit_entry SELECT * FROM ${saved}`, `DROP TABLE ${saved}`]),
      () => chain[3],
    );
  });

  it('two entries whose contents were swapped', async () => {
    const [low, high] = [chain[1], chain[4]];
    const content = `occurred_at, actor_id, action, entity_type, entity_id, startup_id, before, after, request_id`;
    const swap = () =>
      tamper([
        `UPDATE audit_entry a SET (${content}) = (SELECT ${content} FROM audit_entry b
            WHERE b.id = CASE a.id WHEN ${low} THEN ${high} ELSE ${low} END)
          WHERE a.id IN (${low}, ${high})`,
      ]);
    await expectDetected(swap, swap, () => low);
  });

  it('two whole entries swapped, hashes included', async () => {
    const [low, high] = [chain[1], chain[4]];
    const swapIds = () =>
      tamper([
        `UPDATE audit_entry SET id = -id WHERE id IN (${low}, ${high})`,
        `UPDATE audit_entry SET id = CASE id WHEN -${low} THEN ${high} ELSE ${low} END WHERE id IN (-${low}, -${high})`,
      ]);
    await expectDetected(swapIds, swapIds, () => low);
  });

  it('the newest entry changed', async () => {
    const target = () => chain[chain.length - 1];
    const original = await db.dataSource.query(`SELECT action FROM audit_entry WHERE id = $1`, [
      target(),
    ]);
    await expectDetected(
      () =>
        tamper([`UPDATE audit_entry SET action = 'startup.created' WHERE id = $1`], [[target()]]),
      () =>
        tamper(
          [`UPDATE audit_entry SET action = $2 WHERE id = $1`],
          [[target(), original[0].action]],
        ),
      target,
    );
  });
});

describe('concurrent writers', () => {
  it('never fork the chain', async () => {
    const writers = 40;
    const before = (await audit.verify()).entries;

    const written = await Promise.all(
      Array.from({ length: writers }, (_, index) =>
        db.dataSource.transaction(async (em) => {
          // Work of varying length before the entry, so that transactions overlap.
          await em.query(`SELECT pg_sleep($1)`, [(index % 5) / 200]);
          return recordAudit(em, entry(100 + index));
        }),
      ),
    );

    expect(new Set(written.map((recorded) => recorded.prevHash)).size).toBe(writers);
    const result = await audit.verify();
    expect(result).toMatchObject({ valid: true, entries: before + writers });
    expect(written.map((recorded) => recorded.hash)).toContain(result.head);
  });
});

describe('appending many entries at once', () => {
  it('chains them in order, among single writers, with content exactly as recordAudit writes it', async () => {
    const before = (await audit.verify()).entries;
    const many = Array.from({ length: 300 }, (_, index) =>
      entry(1000 + index, { after: { step: index, quote: 'l’"apostrophe" \\ {x}', at: null } }),
    );
    // Batches and single entries racing: the chain lock orders them, none forks.
    const [batch, second] = await Promise.all([
      db.dataSource.transaction((em) => recordAuditBatch(em, many)),
      db.dataSource.transaction((em) => recordAuditBatch(em, many.slice(0, 5))),
      ...Array.from({ length: 10 }, (_, index) => record(entry(2000 + index))),
    ]);
    expect(batch).toHaveLength(300);
    expect(second).toHaveLength(5);
    batch.slice(1).forEach((recorded, index) => {
      expect(recorded.prevHash).toBe(batch[index].hash);
      expect(BigInt(recorded.id)).toBeGreaterThan(BigInt(batch[index].id));
    });
    const result = await audit.verify();
    expect(result).toMatchObject({ valid: true, entries: before + 315 });

    const stored: { after: unknown }[] = await db.dataSource.query(
      `SELECT after FROM audit_entry WHERE id = $1`,
      [batch[299].id],
    );
    expect(stored[0].after).toEqual({ step: 299, quote: 'l’"apostrophe" \\ {x}', at: null });
    await expect(db.dataSource.transaction((em) => recordAuditBatch(em, []))).resolves.toEqual([]);
    await expect(recordAuditBatch(db.dataSource.manager, many)).rejects.toBeInstanceOf(
      AuditEntryError,
    );
  });
});

describe('reading in a reader’s scope', () => {
  let otherStartupId: string;

  beforeAll(async () => {
    const rows: { id: string }[] = await db.dataSource.query(
      `INSERT INTO startup (name, domain, territory_code, stage)
       VALUES ('Seine Ports', 'SMART_PORTS_LOGISTICS', 'ROUEN', 'DETECTION') RETURNING id`,
    );
    otherStartupId = rows[0].id;
    await record(entry(200, { startupId: otherStartupId, entityId: otherStartupId }));
    await record({
      action: AUDIT_ACTIONS.loginFailed,
      entityType: 'user',
      entityId: 'someone@example.test',
      actorId: null,
      after: { email: 'someone@example.test' },
    });
  });

  const everything = { kind: 'ALL', redactPersonalData: false } as const;

  it('pages newest first, every entry once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await audit.list({ limit: 7, cursor }, everything);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    expect(seen).toEqual([...(await ids())].reverse());
  });

  it('filters by entity, actor, startup, action and time', async () => {
    const byStartup = await audit.list({ startupId: otherStartupId, limit: 50 }, everything);
    const byEntity = await audit.list({ entityId: 'someone@example.test', limit: 50 }, everything);
    const byActor = await audit.list(
      { actorId: actorId, action: AUDIT_ACTIONS.loginFailed, limit: 50 },
      everything,
    );
    const inTheFuture = await audit.list(
      { from: new Date(Date.now() + 60_000), limit: 50 },
      everything,
    );

    expect(byStartup.items.map((item) => item.after)).toEqual([
      { step: 200, at: '2026-03-01T09:00:00.000Z' },
    ]);
    expect(byEntity.items.map((item) => item.action)).toEqual([AUDIT_ACTIONS.loginFailed]);
    expect(byActor.items).toEqual([]);
    expect(inTheFuture.items).toEqual([]);
  });

  it('shows a scoped reader only the entries of the startups the condition admits', async () => {
    const rouenOnly = {
      kind: 'STARTUPS',
      visibility: {
        sql: 's.territory_code IN (:...territories)',
        params: { territories: ['ROUEN'] },
      },
      redactPersonalData: false,
    } as const;

    const page = await audit.list({ limit: 200 }, rouenOnly);

    expect(new Set(page.items.map((item) => item.startupId))).toEqual(new Set([otherStartupId]));
  });

  it('withholds personal data from funders', async () => {
    const forFunder = await audit.list(
      { action: AUDIT_ACTIONS.loginFailed, limit: 50 },
      { kind: 'ALL', redactPersonalData: true },
    );

    expect(forFunder.items[0]).toMatchObject({
      entityId: '(redacted)',
      after: null,
      redacted: true,
    });
    const searchedByEmail = await audit.list(
      { entityId: 'someone@example.test', limit: 50 },
      { kind: 'ALL', redactPersonalData: true },
    );
    expect(searchedByEmail.items).toEqual([]);
  });
});

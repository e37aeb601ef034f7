import { CONSENT_HIDDEN_STATUSES, TRANSITION_STATUSES } from '@parcours/contracts';
import { startupVisibility, structureScopeVisibility, type Actor } from '@parcours/server-identity';
import { createTestDatabase, type TestDatabase } from '@parcours/server-testing';
import fc from 'fast-check';
import { histories, type ReferenceData } from '../test-support/history-model';
import { clearHistory, writeHistory, writeReferenceData } from '../test-support/history-sql';
import { SqlParams } from './sql-params';

/*
 * A manager's analytics select their startups with the set form of the shared visibility rule
 * (`structureScopeVisibility`) instead of its predicate. This checks that both forms select the
 * same startups — and will fail if the rule grows a clause that the set form does not have.
 */
describe('the visibility rule of an actor whose scope is structures, as a set', () => {
  let db: TestDatabase;
  let reference: ReferenceData;

  beforeAll(async () => {
    db = await createTestDatabase();
    reference = await writeReferenceData(db.dataSource);
  });
  afterAll(() => db?.drop());

  const visible = async (actor: Actor, form: 'set' | 'predicate') => {
    const params = new SqlParams();
    const condition =
      form === 'set' ? structureScopeVisibility(actor, 's') : startupVisibility(actor, 's');
    if (condition === null) throw new Error('the rule has no set form for this actor');
    const rows: { id: string }[] = await db.dataSource.query(
      `SELECT s.id FROM startup s WHERE ${params.condition(condition)} ORDER BY s.id`,
      params.values,
    );
    return rows.map((row) => row.id);
  };

  it('selects the startups the predicate shows a manager or a funder of structures', async () => {
    await fc.assert(
      fc.asyncProperty(
        histories(reference, 10),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('manager' as const, 'funder' as const)), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 4 }),
        async (startups, picks, pending) => {
          await clearHistory(db.dataSource);
          await writeHistory(db.dataSource, startups);
          const managed = picks.map(
            ([pick]) => reference.structureIds[pick % reference.structureIds.length],
          );
          // Moves asked into the managers' structures, in every state the API leaves them in:
          // such startups may be theirs to see even when their structures never followed them.
          const theirs = reference.programmes.filter((p) => managed.includes(p.structureId));
          // One startup nobody followed yet, whose only link is such a request.
          const newcomer: { id: string }[] = await db.dataSource.query(
            `INSERT INTO startup (name, domain, territory_code, stage)
             VALUES ('Newcomer', 'SMART_CITIES', 'CAEN', 'DETECTION') RETURNING id`,
          );
          const requesters = [...startups.map((s) => s.id), newcomer[0].id];
          const states = [
            'REQUESTED',
            'REJECTED',
            'CANCELLED',
            'APPROVED',
            'PENDING_CONSENT',
            'CONSENT_DECLINED',
          ];
          for (const [startupPick, programmePick, state] of [
            [requesters.length - 1, 0, 0],
            ...pending,
          ]) {
            const programme = theirs[programmePick % theirs.length];
            await db.dataSource.query(
              `INSERT INTO transition (startup_id, to_stage, programme_id, target_structure_id, status, move_kind)
               VALUES ($1, $2, $3, $4, $5, 'FORWARD') ON CONFLICT DO NOTHING`,
              [
                requesters[startupPick % requesters.length],
                programme.stage,
                programme.id,
                programme.structureId,
                states[state % states.length],
              ],
            );
          }
          const actor: Actor = {
            id: '00000000-0000-4000-8000-000000000005',
            email: 'manager@test.parcours',
            displayName: 'Manager',
            roles: [...new Set(picks.map(([, role]) => role))],
            grants: picks.map(([, role], index) => ({
              role,
              scope: 'STRUCTURE' as const,
              scopeId: managed[index],
            })),
          };

          expect(await visible(actor, 'set')).toEqual(await visible(actor, 'predicate'));
        },
      ),
      { numRuns: 40, endOnFailure: true },
    );
  });

  it("show a startup through a move into the manager's structure only once its founders agreed", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TRANSITION_STATUSES),
        fc.nat(),
        async (status, programmePick) => {
          await clearHistory(db.dataSource);
          const programme = reference.programmes[programmePick % reference.programmes.length];
          const newcomer: { id: string }[] = await db.dataSource.query(
            `INSERT INTO startup (name, domain, territory_code, stage)
             VALUES ('Newcomer', 'SMART_CITIES', 'CAEN', 'DETECTION') RETURNING id`,
          );
          await db.dataSource.query(
            `INSERT INTO transition (startup_id, to_stage, programme_id, target_structure_id, status,
                                     move_kind, effective_at)
             VALUES ($1, $2, $3, $4, $5, 'FORWARD', now())`,
            [newcomer[0].id, programme.stage, programme.id, programme.structureId, status],
          );
          const actor: Actor = {
            id: '00000000-0000-4000-8000-000000000008',
            email: 'target.manager@test.parcours',
            displayName: 'Target manager',
            roles: ['manager'],
            grants: [{ role: 'manager', scope: 'STRUCTURE', scopeId: programme.structureId }],
          };
          const hidden = ['CANCELLED', ...CONSENT_HIDDEN_STATUSES].includes(status);

          expect(await visible(actor, 'predicate')).toEqual(hidden ? [] : [newcomer[0].id]);
          expect(await visible(actor, 'set')).toEqual(hidden ? [] : [newcomer[0].id]);
        },
      ),
      { numRuns: 30, endOnFailure: true },
    );
  });

  it('has no set form for scopes that are not only structures', () => {
    const mixed: Actor = {
      id: '00000000-0000-4000-8000-000000000006',
      email: 'mixed@test.parcours',
      displayName: 'Mixed',
      roles: ['manager', 'mentor'],
      grants: [
        { role: 'manager', scope: 'STRUCTURE', scopeId: reference.structureIds[0] },
        { role: 'mentor', scope: 'STARTUP', scopeId: '00000000-0000-4000-8000-000000000007' },
      ],
    };

    expect(structureScopeVisibility(mixed)).toBeNull();
    expect(
      structureScopeVisibility({
        grants: [
          { role: 'manager', scope: 'STRUCTURE', scopeId: reference.structureIds[0] },
          { role: 'funder', scope: 'GLOBAL', scopeId: null },
        ],
      }),
    ).toBeNull();
    expect(
      structureScopeVisibility({
        grants: [
          { role: 'funder', scope: 'STRUCTURE', scopeId: reference.structureIds[0] },
          { role: 'funder', scope: 'TERRITORY', scopeId: 'CAEN' },
        ],
      }),
    ).toBeNull();
  });
});

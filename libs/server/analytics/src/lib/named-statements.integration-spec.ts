import { createTestDatabase, type TestDatabase } from '@parcours/server-testing';
import { namedStatements, statementName } from './named-statements';

describe('namedStatements', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(() => db?.drop());

  it('prepares each text once on its connection and binds every call’s own values', async () => {
    const text = 'SELECT $1::int + $2::int AS sum';
    const other = 'SELECT $1::text AS echoed';
    await db.dataSource.transaction(async (em) => {
      const sql = await namedStatements(em);
      expect(await sql.query(text, [1, 2])).toEqual([{ sum: 3 }]);
      expect(await sql.query(text, [40, 2])).toEqual([{ sum: 42 }]);
      expect(await sql.query(other, ['même'])).toEqual([{ echoed: 'même' }]);
      // Same connection as the transaction: the statements are the server's, one per text.
      const prepared: { name: string; statement: string }[] = await em.query(
        `SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'parcours_analytics_%'
          ORDER BY statement`,
      );
      expect(prepared).toEqual([
        { name: statementName(text), statement: text },
        { name: statementName(other), statement: other },
      ]);
    });
  });

  it('names one text the same way every time, and two texts differently', () => {
    expect(statementName('SELECT 1')).toBe(statementName('SELECT 1'));
    expect(statementName('SELECT 1')).not.toBe(statementName('SELECT 2'));
    expect(statementName('SELECT 1')).toMatch(/^parcours_analytics_[0-9a-f]{32}$/);
  });

  it('refuses an entity manager outside a transaction (it would not pin a connection)', async () => {
    await expect(namedStatements(db.dataSource.manager)).rejects.toThrow(/transaction/);
  });
});

import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  DOMAINS,
  QUEUES,
  STAGES,
  TERRITORIES,
  type RoleGrant,
  type Stage,
} from '@parcours/contracts';
import {
  AnalyticsService,
  NoReportedKpis,
  rebuildAnalytics,
  type AnalyticsQuery,
} from '@parcours/server-analytics';
import { loadConfig } from '@parcours/server-config';
import { ActorDirectory, ActorDirectoryModule, type Actor } from '@parcours/server-identity';
import {
  Builders,
  createTestDatabase,
  uniqueQueuePrefix,
  type TestDatabase,
} from '@parcours/server-testing';
import { Queue } from 'bullmq';
import { parse } from 'csv-parse/sync';
import * as ExcelJS from 'exceljs';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import type { TransitionExportRow } from './export-columns';
import { ExportJobsService } from './export-jobs.service';
import { batchesOf, csvStream, writeXlsx } from './tabular-export';
import { ExportsService } from './exports.service';

/*
 * Exports against real PostgreSQL (and Redis for the job queue): the transitions export is
 * exactly the set `/analytics/flows` counts, for random histories, scopes and filters; founders
 * are pseudonymised for funders; a background CSV export resumes from its checkpoint.
 */

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const RUNS = Number(process.env['EXPORTS_PROPERTY_RUNS'] || 40);
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const NOW = new Date(Date.UTC(2026, 10, 26));

function actorWith(grants: RoleGrant[], id = '00000000-0000-4000-8000-000000000001'): Actor {
  return {
    id,
    email: 'reader@test.parcours',
    displayName: 'Reader',
    roles: [...new Set(grants.map((grant) => grant.role))],
    grants,
  };
}

const startupArbitrary: fc.Arbitrary<HistorySpec> = fc.record({
  territory: fc.constantFrom(...TERRITORIES),
  domain: fc.constantFrom(...DOMAINS),
  moves: fc.array(
    fc.record({
      stage: fc.constantFrom(...STAGES),
      // 0: several moves at one instant, to test the keyset on ties.
      gapDays: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 300 })),
      structure: fc.integer({ min: 0, max: 2 }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

type HistorySpec = {
  territory: (typeof TERRITORIES)[number];
  domain: (typeof DOMAINS)[number];
  moves: { stage: Stage; gapDays: number; structure: number }[];
};

describe('exports', () => {
  let db: TestDatabase;
  let builders: Builders;
  let analytics: AnalyticsService;
  let exportsService: ExportsService;
  let structures: string[];
  const config = loadConfig({ NODE_ENV: 'test', EXPORT_BATCH_ROWS: '10' });

  beforeAll(async () => {
    db = await createTestDatabase();
    builders = new Builders(db.dataSource);
    structures = [
      await builders.structure('Incubateur Rouen', 'INCUBATOR', 'ROUEN'),
      await builders.structure('Pépinière Caen', 'NURSERY', 'CAEN'),
    ];
    analytics = new AnalyticsService(db.dataSource, new NoReportedKpis());
    exportsService = new ExportsService(db.dataSource, analytics, config);
  });
  afterAll(() => db?.drop());

  /** Writes the histories as completed transitions and stays, as an import does. */
  async function writeHistories(startups: HistorySpec[]): Promise<void> {
    const sql = db.dataSource;
    for (const table of ['stage_stay', 'transition', 'role_grant', 'startup']) {
      await sql.query(
        `DELETE FROM ${table} WHERE ${table === 'role_grant' ? "role = 'founder'" : 'TRUE'}`,
      );
    }
    for (const [index, startup] of startups.entries()) {
      const moves = startup.moves.filter(
        (move, i) => i === 0 || move.stage !== startup.moves[i - 1].stage,
      );
      let at = START + index * 3_600_000;
      const stays = moves.map((move) => {
        at += move.gapDays * DAY;
        return {
          id: randomUUID(),
          transitionId: randomUUID(),
          stage: move.stage,
          structureId: move.structure === 2 ? null : structures[move.structure],
          enteredAt: new Date(at),
        };
      });
      const id = randomUUID();
      const last = stays[stays.length - 1];
      await sql.query(
        `INSERT INTO startup (id, name, domain, territory_code, stage, stage_entered_at, current_structure_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          id,
          `Startup ${index}`,
          startup.domain,
          startup.territory,
          last.stage,
          last.enteredAt,
          last.structureId,
        ],
      );
      for (const [i, stay] of stays.entries()) {
        const previous: Stage | null = i === 0 ? null : stays[i - 1].stage;
        await sql.query(
          `INSERT INTO transition (id, startup_id, from_stage, to_stage, status, move_kind,
                                   effective_at, completed_at, target_structure_id)
           VALUES ($1, $2, $3, $4, 'COMPLETED', $5, $6, $6, $7)`,
          [
            stay.transitionId,
            id,
            previous,
            stay.stage,
            previous === null ? 'FIRST_ENTRY' : 'FORWARD',
            stay.enteredAt,
            stay.structureId,
          ],
        );
      }
      for (const [i, stay] of stays.entries()) {
        const next = stays[i + 1];
        await sql.query(
          `INSERT INTO stage_stay (id, startup_id, stage, structure_id, entered_at, left_at,
                                   entered_by_transition_id, left_by_transition_id, left_to_stage)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            stay.id,
            id,
            stay.stage,
            stay.structureId,
            stay.enteredAt,
            next?.enteredAt ?? null,
            stay.transitionId,
            next?.transitionId ?? null,
            next?.stage ?? null,
          ],
        );
      }
    }
    await rebuildAnalytics(db.dataSource);
  }

  async function allTransitions(actor: Actor, query: AnalyticsQuery) {
    const reader = exportsService.reader(actor, query);
    await reader.prepare();
    const rows: TransitionExportRow[] = [];
    for await (const batch of batchesOf({
      ...exportsService.transitionsSpec(reader, 'en'),
      batchRows: 3,
    })) {
      rows.push(...batch.rows);
    }
    return { rows, count: await reader.countTransitions() };
  }

  it(`lists exactly the stage changes /analytics/flows counts (${RUNS} random histories, scopes, filters)`, async () => {
    const instant = fc.option(
      fc.integer({ min: 0, max: 1000 }).map((days) => new Date(START + days * DAY)),
      { nil: null },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(startupArbitrary, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('global', 'territory', 'manager'),
        fc.record({
          from: instant,
          to: instant,
          territory: fc.option(fc.constantFrom(...TERRITORIES), { nil: undefined }),
          domain: fc.option(fc.constantFrom(...DOMAINS), { nil: undefined }),
          structure: fc.option(fc.integer({ min: 0, max: 1 }), { nil: undefined }),
        }),
        async (startups, scope, filters) => {
          await writeHistories(startups);
          const actor = actorWith(
            scope === 'global'
              ? [{ role: 'funder', scope: 'GLOBAL', scopeId: null }]
              : scope === 'territory'
                ? [{ role: 'funder', scope: 'TERRITORY', scopeId: 'ROUEN' }]
                : [{ role: 'manager', scope: 'STRUCTURE', scopeId: structures[0] }],
          );
          const [from, to] =
            filters.from && filters.to && filters.from > filters.to
              ? [filters.to, filters.from]
              : [filters.from, filters.to];
          const query: AnalyticsQuery = {
            from,
            to: to && (!from || to > from) ? to : NOW,
            territory: filters.territory,
            domain: filters.domain,
            structureId:
              filters.structure === undefined ? undefined : structures[filters.structure],
          };
          const flows = await analytics.flows(actor, query);
          const { rows, count } = await allTransitions(actor, query);
          const counted = new Map<string, number>();
          for (const row of rows) {
            const key = `${row.fromStage ?? ''}>${row.toStage}`;
            counted.set(key, (counted.get(key) ?? 0) + 1);
          }
          expect(Object.fromEntries(counted)).toEqual(
            Object.fromEntries(
              flows.items.map((item) => [`${item.fromStage ?? ''}>${item.toStage}`, item.count]),
            ),
          );
          expect(count).toBe(rows.length);
          expect(new Set(rows.map((row) => row.transitionId)).size).toBe(rows.length);
          const times = rows.map((row) => row.effectiveAt.getTime());
          expect(times).toEqual([...times].sort((a, b) => a - b));
        },
      ),
      { numRuns: RUNS },
    );
  });

  describe('founders', () => {
    let startupId: string;
    const funder = actorWith([{ role: 'funder', scope: 'GLOBAL', scopeId: null }]);
    const admin = actorWith([{ role: 'admin', scope: 'GLOBAL', scopeId: null }]);
    const everything: AnalyticsQuery = { from: null, to: NOW };

    beforeAll(async () => {
      await writeHistories([
        {
          territory: 'ROUEN',
          domain: 'SMART_CITIES',
          moves: [{ stage: 'NURSERY', gapDays: 1, structure: 0 }],
        },
      ]);
      const rows: { id: string }[] = await db.dataSource.query(`SELECT id FROM startup`);
      startupId = rows[0].id;
      await db.dataSource.query(`UPDATE startup SET name = '=HYPERLINK("x")' WHERE id = $1`, [
        startupId,
      ]);
      await builders.user('jeanne.fondatrice@founders.test', [{ role: 'founder', startupId }]);
    });

    const csvOf = async (actor: Actor) => {
      const reader = exportsService.reader(actor, everything);
      const chunks: Buffer[] = [];
      for await (const chunk of csvStream(exportsService.startupsSpec(reader, 'en'))) {
        chunks.push(chunk as Buffer);
      }
      return Buffer.concat(chunks).toString('utf8');
    };

    it('are pseudonyms for a funder, the same in every export, and people for an admin', async () => {
      const forFunder = await csvOf(funder);
      expect(forFunder).not.toContain('jeanne');
      expect(forFunder).not.toContain('founders.test');
      const [header, row] = parse(forFunder, { columns: false }) as string[][];
      expect(header.slice(0, 5)).toEqual(['startupId', 'name', 'legalName', 'siren', 'stage']);
      const record = Object.fromEntries(header.map((key, i) => [key, row[i]]));
      expect(record['startupId']).toBe(startupId);
      expect(record['founders']).toMatch(/^P-[0-9a-f]{10}$/);
      expect(record['founderCount']).toBe('1');
      // Formulas are neutralised: a spreadsheet shows the text instead of running it.
      expect(record['name']).toBe(`'=HYPERLINK("x")`);
      expect(await csvOf(funder)).toBe(forFunder);

      const forAdmin = await csvOf(admin);
      expect(forAdmin).toContain('jeanne.fondatrice <jeanne.fondatrice@founders.test>');
    });

    it('are pseudonymised in the workbook, whose header row is the same keys', async () => {
      const reader = exportsService.reader(funder, everything);
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (chunk: Buffer) => chunks.push(chunk));
      await writeXlsx(exportsService.startupsSpec(reader, 'fr'), 'Startups', out);
      await new Promise((resolve) => out.end(resolve));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Startups');
      if (!sheet) throw new Error('the workbook has no Startups sheet');
      expect(sheet.getRow(1).getCell(1).value).toBe('Identifiant');
      expect(sheet.getRow(2).getCell(1).value).toBe(startupId);
      const text = JSON.stringify(sheet.getSheetValues());
      expect(text).toMatch(/P-[0-9a-f]{10}/);
      expect(text).not.toContain('jeanne');
    });

    it('writes the funder report as a PDF', async () => {
      const file = await exportsService.open('funder-report.pdf', funder, everything, 'fr', NOW);
      const chunks: Buffer[] = [];
      for await (const chunk of file.stream) chunks.push(chunk as Buffer);
      const pdf = Buffer.concat(chunks);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(2_000);
      expect(file.fileName).toBe('parcours-funder-report-20261126.pdf');
    });
  });

  describe('background jobs', () => {
    let exportDir: string;
    let queue: Queue;
    let jobs: ExportJobsService;
    let requesterId: string;

    beforeAll(async () => {
      exportDir = await mkdtemp(join(tmpdir(), 'parcours-exports-test-'));
      const jobConfig = loadConfig({
        NODE_ENV: 'test',
        EXPORT_DIR: exportDir,
        EXPORT_BATCH_ROWS: '10',
      });
      queue = new Queue(QUEUES.exports, {
        connection: { url: REDIS_URL },
        prefix: uniqueQueuePrefix('exports'),
      });
      @Global()
      @Module({
        providers: [{ provide: DataSource, useValue: db.dataSource }],
        exports: [DataSource],
      })
      class TestDataSourceModule {}
      const moduleRef = await Test.createTestingModule({
        imports: [TestDataSourceModule, ActorDirectoryModule],
      }).compile();
      jobs = new ExportJobsService(
        db.dataSource,
        new ExportsService(db.dataSource, analytics, jobConfig),
        moduleRef.get(ActorDirectory),
        jobConfig,
        queue,
      );
      requesterId = await builders.user('funder.jobs@test.parcours', [{ role: 'funder' }]);
      // 25 startups with 2 moves each: 50 transitions, five batches of ten.
      await writeHistories(
        Array.from({ length: 25 }, (_, i) => ({
          territory: TERRITORIES[i % 3],
          domain: DOMAINS[i % 3],
          moves: [
            { stage: 'DETECTION' as Stage, gapDays: 1, structure: 0 },
            { stage: 'INCUBATION' as Stage, gapDays: 10, structure: 0 },
          ],
        })),
      );
    });
    afterAll(async () => {
      await queue?.obliterate({ force: true }).catch(() => undefined);
      await queue?.close();
      await rm(exportDir, { recursive: true, force: true });
    });

    const insertJob = async () => {
      const rows: { id: string }[] = await db.dataSource.query(
        `INSERT INTO export_job (requested_by_id, kind, lang, filters, period_to)
         VALUES ($1, 'transitions.csv', 'en', '{}', $2) RETURNING id`,
        [requesterId, NOW],
      );
      return rows[0].id;
    };
    const requester = () =>
      actorWith([{ role: 'funder', scope: 'GLOBAL', scopeId: null }], requesterId);

    it('writes the file, counts progress and lets only the requester read it', async () => {
      const { id } = await jobs.create(
        requester(),
        'transitions.csv',
        { from: null, to: NOW },
        'en',
      );
      expect(await queue.getJob(`export-${id}`)).toBeDefined();
      await jobs.run(id, false);
      const status = await jobs.get(requester(), id);
      expect(status).toMatchObject({ status: 'DONE', progress: { done: 50, total: 50 } });
      const text = await readFile(join(exportDir, `${id}.csv`), 'utf8');
      expect(text.trim().split('\r\n')).toHaveLength(51);
      await expect(
        jobs.get(actorWith([{ role: 'admin', scope: 'GLOBAL', scopeId: null }]), id),
      ).rejects.toMatchObject({ status: 404 });
    });

    it('resumes a CSV from its checkpoint after a crash, cutting what followed it', async () => {
      const complete = await insertJob();
      await jobs.run(complete, false);
      const expected = await readFile(join(exportDir, `${complete}.csv`), 'utf8');

      // A run that died after its second batch reached the disk but before it was recorded.
      const crashed = await insertJob();
      const lines = expected.split('\r\n');
      const recorded = `${lines.slice(0, 11).join('\r\n')}\r\n`;
      const reader = exportsService.reader(requester(), { from: null, to: NOW });
      const first = await reader.transitions(null, 10);
      await writeFile(
        join(exportDir, `${crashed}.csv.part`),
        `${recorded}${lines.slice(11, 21).join('\r\n')}\r\nhalf a ro`,
      );
      await db.dataSource.query(
        `UPDATE export_job SET status = 'RUNNING', checkpoint_key = $2, checkpoint_bytes = $3,
                rows_done = 10, rows_total = 50 WHERE id = $1`,
        [crashed, JSON.stringify(first.next), Buffer.byteLength(recorded)],
      );
      await jobs.run(crashed, false);
      expect(await readFile(join(exportDir, `${crashed}.csv`), 'utf8')).toBe(expected);
      // Done is done: a redelivered job changes nothing.
      await jobs.run(crashed, false);
      expect((await jobs.get(requester(), crashed)).status).toBe('DONE');
    });

    it('deletes expired files and answers 410 for them', async () => {
      const id = await insertJob();
      await jobs.run(id, false);
      await jobs.cleanup(new Date(Date.now() + 25 * 3_600_000));
      expect((await jobs.get(requester(), id)).status).toBe('EXPIRED');
      await expect(readFile(join(exportDir, `${id}.csv`))).rejects.toMatchObject({
        code: 'ENOENT',
      });
      await expect(jobs.content(requester(), id)).rejects.toMatchObject({ status: 410 });
    });
  });
});

import type { Role, RoleGrant } from '@parcours/contracts';
import type { Actor } from '@parcours/server-identity';
import { createTestDatabase, type TestDatabase } from '@parcours/server-testing';
import fc from 'fast-check';
import {
  histories,
  queryDrafts,
  resolveQuery,
  type QueryDraft,
  type ReferenceData,
} from '../test-support/history-model';
import { clearHistory, writeHistory, writeReferenceData } from '../test-support/history-sql';
import {
  naiveCohort,
  naiveFlows,
  naiveFunnel,
  naiveKpis,
  naiveTimeInStage,
  selectStartups,
  type ModelQuery,
  type ModelScope,
} from '../test-support/naive-analytics';
import { AnalyticsService, type AnalyticsQuery, type ReadPath } from './analytics.service';
import { RecordedKpis } from './reported-kpis';
import { rebuildAnalytics } from './rollups/rollups';

/*
 * Exactness: random histories written straight into the raw tables, roll-ups rebuilt, and every
 * endpoint's answer compared with the contract computed naively in TypeScript — by both read
 * paths (pre-aggregates and facts) whenever the selection allows both.
 * ANALYTICS_PROPERTY_RUNS raises the number of histories (200 by default).
 */

const RUNS = Number(process.env['ANALYTICS_PROPERTY_RUNS'] || 200);
/**
 * Managers of structures without a filter, read as the corrected sum of their structures' rows:
 * rare among the drafts above (about one query in seventeen), so drawn on their own as well.
 */
const MANAGER_RUNS = Math.ceil(RUNS / 2);

const managerDrafts: fc.Arbitrary<QueryDraft> = queryDrafts.map((draft) => ({
  ...draft,
  territory: null,
  domain: null,
  structurePick: null,
  programmePick: null,
  cohortPick: null,
  scope: { kind: 'structures', picks: draft.scope.picks },
}));
const NOW = Date.UTC(2026, 10, 26, 9, 30);

function actorFor(scope: ModelScope, admin: boolean): Actor {
  const grant = (role: Role, scopeKind: RoleGrant['scope'], scopeId: string | null): RoleGrant => ({
    role,
    scope: scopeKind,
    scopeId,
  });
  const grants: RoleGrant[] =
    scope.kind === 'all'
      ? [grant(admin ? 'admin' : 'funder', 'GLOBAL', null)]
      : scope.kind === 'territories'
        ? scope.territories.map((code) => grant('funder', 'TERRITORY', code))
        : scope.structureIds.map((id) => grant('manager', 'STRUCTURE', id));
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'reader@test.parcours',
    displayName: 'Reader',
    roles: [...new Set(grants.map((g) => g.role))],
    grants,
  };
}

const serviceQuery = (query: ModelQuery): AnalyticsQuery => ({
  ...query,
  from: query.from === null ? null : new Date(query.from),
  to: new Date(query.to),
});

const period = (query: ModelQuery) => ({
  from: query.from === null ? null : new Date(query.from).toISOString(),
  to: new Date(query.to).toISOString(),
});

describe('analytics figures against the contract computed naively', () => {
  let db: TestDatabase;
  let reference: ReferenceData;
  let service: AnalyticsService;

  beforeAll(async () => {
    db = await createTestDatabase();
    reference = await writeReferenceData(db.dataSource);
    service = new AnalyticsService(db.dataSource, new RecordedKpis());
  });
  afterAll(() => db?.drop());

  const checkEveryEndpoint = (drafts: fc.Arbitrary<QueryDraft>, runs: number) =>
    fc.assert(
      fc.asyncProperty(
        histories(reference),
        fc.array(drafts, { minLength: 1, maxLength: 3 }),
        async (startups, draftList) => {
          await clearHistory(db.dataSource);
          await writeHistory(db.dataSource, startups);
          await db.dataSource.transaction((em) => rebuildAnalytics(em));

          for (const draft of draftList) {
            const { query, scope, admin } = resolveQuery(draft, startups, reference, NOW);
            const actor = actorFor(scope, admin);
            const selected = selectStartups(startups, scope, query);
            const paths: ReadPath[] = ['auto', 'facts'];
            for (const path of paths) {
              const asked = serviceQuery(query);
              expect(await service.funnel(actor, asked, path)).toEqual({
                stages: naiveFunnel(selected, query),
                period: period(query),
              });
              expect(await service.timeInStage(actor, asked, path)).toEqual({
                stages: naiveTimeInStage(selected, query),
                period: period(query),
              });
              expect(await service.flows(actor, asked, path)).toEqual({
                items: naiveFlows(selected, query),
                period: period(query),
              });
              expect(await service.kpis(actor, asked, path)).toEqual({
                ...naiveKpis(selected, query, reference.programmes, reference.cohorts),
                period: period(query),
              });
            }
            const cohort = reference.cohorts[(draft.cohortPick ?? 0) % reference.cohorts.length];
            const outcome = await service.cohortOutcomes(actor, cohort.id, serviceQuery(query));
            expect({ ...outcome, cohort: undefined, period: undefined }).toEqual({
              ...naiveCohort(selected, query, cohort.id),
              cohort: undefined,
              period: undefined,
            });
          }
        },
      ),
      // A failure is reported as found: shrinking through the database would outlast the timeout.
      { numRuns: runs, endOnFailure: true },
    );

  // Each history goes through the database (write, rebuild, every endpoint by both paths):
  // 200 of them take minutes on a busy machine, more than jest's default per test.
  it(`gives exactly the contract's figures for ${RUNS} random histories, periods and filters`, async () => {
    await checkEveryEndpoint(queryDrafts, RUNS);
  }, 900_000);

  it(`gives a manager's figures exactly for ${MANAGER_RUNS} random histories and periods`, async () => {
    await checkEveryEndpoint(managerDrafts, MANAGER_RUNS);
  }, 900_000);
});

/*
 * `npx nx run seed-scale:measure [-- --runs 30 --warmup 5 --naive-runs 3 --only funnel
 *    --refresh-runs 50 --json figures.json]`
 *
 * Runs each analytics query warm, through AnalyticsService (the roll-ups), and the same figure
 * computed naively from the raw tables, and prints p50/p95 of both side by side with the ratio,
 * and whether both gave the same answer; after the table, the figures above 50 ms p95 or under
 * 100×, and what a read costs before any figure (the floor under every figure, against which a
 * hundredth of the naive time is compared). Against the seed:scale database by default. With
 * --json, the same rows are also written to that file (read by `npm run bench`). With
 * --refresh-runs, it also times what the workflow's REFRESH_ANALYTICS step costs a startup, in
 * transactions it rolls back (the database is left as it was).
 */
import 'reflect-metadata';
import { DOMAINS, TERRITORIES, type Role, type RoleGrant } from '@parcours/contracts';
import {
  AnalyticsService,
  RecordedKpis,
  readInSnapshot,
  refreshStaleStartups,
  refreshStartups,
  type AnalyticsQuery,
} from '@parcours/server-analytics';
import { createDataSource, redactPassword } from '@parcours/server-db';
import type { DataSource } from 'typeorm';
import type { Actor } from '@parcours/server-identity';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseArguments } from './arguments';
import {
  naiveCohort,
  naiveFlows,
  naiveFunnel,
  naiveKpis,
  naiveTimeInStage,
  type NaiveQuery,
} from './naive-sql';

const actor = (grants: RoleGrant[]): Actor => ({
  id: '00000000-0000-4000-8000-00000000000a',
  email: 'measure@scale.parcours',
  displayName: 'Measure',
  roles: [...new Set(grants.map((grant) => grant.role as Role))],
  grants,
});

const percentile = (sorted: number[], fraction: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];

async function time(runs: number, work: () => Promise<unknown>) {
  const durations: number[] = [];
  let result: unknown;
  for (let run = 0; run < runs; run += 1) {
    const startedAt = performance.now();
    result = await work();
    durations.push(performance.now() - startedAt);
  }
  durations.sort((a, b) => a - b);
  return { p50: percentile(durations, 0.5), p95: percentile(durations, 0.95), result };
}

interface MeasuredFigure {
  scenario: string;
  endpoint: string;
  rollup: { p50: number; p95: number };
  naive: { p50: number; p95: number };
  same: boolean;
}

const figure = (
  scenario: string,
  endpoint: string,
  rollup: { p50: number; p95: number },
  naive: { p50: number; p95: number },
  same: boolean,
): MeasuredFigure => ({
  scenario,
  endpoint,
  rollup: { p50: rollup.p50, p95: rollup.p95 },
  naive: { p50: naive.p50, p95: naive.p95 },
  same,
});

const ms = (value: number) => (value < 10 ? value.toFixed(1) : value.toFixed(0));

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2), {
    'database-url':
      process.env['SCALE_DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/parcours_scale',
    runs: 30,
    warmup: 5,
    'naive-runs': 3,
    'refresh-runs': 0,
    only: '',
    json: '',
  });
  const url = String(args['database-url']);
  const db = createDataSource({ url, poolSize: 4, applicationName: 'parcours-measure' });
  await db.initialize();
  try {
    const service = new AnalyticsService(db, new RecordedKpis());
    await refreshStaleStartups(db);
    const ids = async (sql: string) => ((await db.query(sql)) as { id: string }[])[0]?.id;
    // Structures of ordinary size (one of many per territory and stage); the busiest cohort.
    const incubator = await ids(
      `SELECT id FROM structure WHERE kind = 'INCUBATOR' AND territory_code = 'ROUEN' ORDER BY name LIMIT 1`,
    );
    const nursery = await ids(
      `SELECT id FROM structure WHERE kind = 'NURSERY' AND territory_code = 'ROUEN' ORDER BY name LIMIT 1`,
    );
    const cohort = await ids(
      `SELECT c.id FROM cohort c JOIN stage_stay st ON st.cohort_id = c.id
        GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1`,
    );
    const counts: { startups: number; stays: number }[] = await db.query(
      `SELECT (SELECT count(*) FROM startup)::int AS startups, (SELECT count(*) FROM stage_stay)::int AS stays`,
    );
    console.log(
      `${redactPassword(url)}: ${counts[0].startups} startups, ${counts[0].stays} stays; ` +
        `${args.runs} warm runs per roll-up figure, ${args['naive-runs']} per naive one.\n`,
    );

    const funder = actor([{ role: 'funder', scope: 'GLOBAL', scopeId: null }]);
    const manager = actor([
      { role: 'manager', scope: 'STRUCTURE', scopeId: incubator },
      { role: 'manager', scope: 'STRUCTURE', scopeId: nursery },
    ]);
    const now = new Date();
    const scenarios: { name: string; actor: Actor; query: AnalyticsQuery }[] = [
      { name: 'national, all time', actor: funder, query: { from: null, to: now } },
      {
        name: 'national, year 2025',
        actor: funder,
        query: { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') },
      },
      {
        name: 'national, odd instants',
        actor: funder,
        query: { from: new Date('2024-03-15T10:30:00Z'), to: new Date('2026-06-20T16:45:00Z') },
      },
      {
        name: `${TERRITORIES[1]} × ${DOMAINS[0]}, 3 years`,
        actor: funder,
        query: {
          from: new Date('2023-11-01T00:00:00Z'),
          to: now,
          territory: TERRITORIES[1],
          domain: DOMAINS[0],
        },
      },
      {
        name: 'one incubator, 3 years',
        actor: funder,
        query: { from: new Date('2023-11-01T00:00:00Z'), to: now, structureId: incubator },
      },
      {
        name: 'one incubator, odd instants',
        actor: funder,
        query: {
          from: new Date('2024-03-15T10:30:00Z'),
          to: new Date('2026-06-20T16:45:00Z'),
          structureId: incubator,
        },
      },
      {
        name: 'busiest cohort, all time',
        actor: funder,
        query: { from: null, to: now, cohortId: cohort },
      },
      {
        name: 'manager of an incubator and a nursery, all time',
        actor: manager,
        query: { from: null, to: now },
      },
      {
        name: 'manager of an incubator and a nursery, year 2025',
        actor: manager,
        query: { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') },
      },
      {
        name: 'manager of an incubator and a nursery, odd instants',
        actor: manager,
        query: { from: new Date('2024-03-15T10:30:00Z'), to: new Date('2026-06-20T16:45:00Z') },
      },
    ];
    const endpoints = [
      {
        name: 'funnel',
        rollup: (a: Actor, q: AnalyticsQuery) => service.funnel(a, q).then((r) => r.stages),
        naive: (a: Actor, q: NaiveQuery) => naiveFunnel(db, a, q),
      },
      {
        name: 'time-in-stage',
        rollup: (a: Actor, q: AnalyticsQuery) => service.timeInStage(a, q).then((r) => r.stages),
        naive: (a: Actor, q: NaiveQuery) => naiveTimeInStage(db, a, q),
      },
      {
        name: 'flows',
        rollup: (a: Actor, q: AnalyticsQuery) => service.flows(a, q).then((r) => r.items),
        naive: (a: Actor, q: NaiveQuery) => naiveFlows(db, a, q),
      },
      {
        name: 'kpis',
        rollup: (a: Actor, q: AnalyticsQuery) =>
          service.kpis(a, q).then((r) => ({
            newStartups: r.newStartups,
            startupsAccelerated: r.startupsAccelerated,
            startupsHosted: r.startupsHosted,
            jobsCreated: r.jobsCreated,
            fundsRaisedEur: r.fundsRaisedEur,
            tradeShows: r.tradeShows,
          })),
        naive: (a: Actor, q: NaiveQuery) => naiveKpis(db, a, q),
      },
    ];

    // What every read costs before any figure: the staleness check, the snapshot with its
    // settings, one statement and the commit; and a round trip alone. Sub-millisecond, so timed
    // over more runs than a figure.
    const fixedRuns = Math.max(200, Number(args.runs));
    const emptyRead = () => readInSnapshot(db, (_em, sql) => sql.query('SELECT 1'), 'buckets');
    await time(Number(args.warmup), emptyRead);
    const fixedRead = await time(fixedRuns, emptyRead);
    const roundTrip = await time(fixedRuns, () => db.query('SELECT 1'));

    console.log(
      '| scenario | endpoint | roll-up p50 / p95 (ms) | naive p50 / p95 (ms) | × p50 | × p95 | same |',
    );
    console.log('|---|---|---|---|---|---|---|');
    const slow: string[] = [];
    const figures: MeasuredFigure[] = [];
    for (const scenario of scenarios) {
      for (const endpoint of endpoints) {
        if (args.only && !`${scenario.name} ${endpoint.name}`.includes(String(args.only))) continue;
        await time(Number(args.warmup), () => endpoint.rollup(scenario.actor, scenario.query));
        const rollup = await time(Number(args.runs), () =>
          endpoint.rollup(scenario.actor, scenario.query),
        );
        const naive = await time(Number(args['naive-runs']), () =>
          endpoint.naive(scenario.actor, scenario.query),
        );
        const same = isDeepStrictEqual(rollup.result, naive.result);
        figures.push(figure(scenario.name, endpoint.name, rollup, naive, same));
        if (rollup.p95 > 50) slow.push(`${scenario.name} / ${endpoint.name}`);
        console.log(
          `| ${scenario.name} | ${endpoint.name} | ${ms(rollup.p50)} / ${ms(rollup.p95)} | ` +
            `${ms(naive.p50)} / ${ms(naive.p95)} | ${(naive.p50 / rollup.p50).toFixed(0)} | ` +
            `${(naive.p95 / rollup.p95).toFixed(0)} | ${same ? 'yes' : 'NO'} |`,
        );
        if (!same) {
          console.log(
            `  roll-up: ${JSON.stringify(rollup.result)}\n  naive:   ${JSON.stringify(naive.result)}`,
          );
        }
      }
    }
    if (!args.only || 'cohort outcomes'.includes(String(args.only))) {
      const query = { from: null, to: now };
      const outcomes = () =>
        service.cohortOutcomes(funder, cohort, query).then((r) => ({
          startups: r.startups,
          outcomes: r.outcomes,
          currentStages: r.currentStages,
        }));
      await time(Number(args.warmup), outcomes);
      const rollup = await time(Number(args.runs), outcomes);
      const naive = await time(Number(args['naive-runs']), () =>
        naiveCohort(db, funder, cohort, query),
      );
      const same = isDeepStrictEqual(rollup.result, naive.result);
      figures.push(figure('busiest cohort, all time', 'cohort outcomes', rollup, naive, same));
      if (rollup.p95 > 50) slow.push('cohort outcomes');
      console.log(
        `| busiest cohort, all time | cohort outcomes (facts) | ${ms(rollup.p50)} / ${ms(rollup.p95)} | ` +
          `${ms(naive.p50)} / ${ms(naive.p95)} | ${(naive.p50 / rollup.p50).toFixed(0)} | ` +
          `${(naive.p95 / rollup.p95).toFixed(0)} | ${same ? 'yes' : 'NO'} |`,
      );
    }
    console.log(
      slow.length === 0 ? '\nEvery p95 ≤ 50 ms.' : `\np95 above 50 ms: ${slow.join('; ')}`,
    );
    const under100 = figures.filter((f) => f.naive.p95 / f.rollup.p95 < 100);
    console.log(
      under100.length === 0
        ? 'Every figure ≥ 100× its naive computation (p95).'
        : `Under 100× its naive computation (p95): ${under100
            .map((f) => `${f.scenario} / ${f.endpoint}`)
            .join('; ')}.`,
    );
    console.log(
      `\nA read with no figure (staleness check, snapshot and settings, one statement, commit; ` +
        `${fixedRuns} runs): ${ms(fixedRead.p50)} / ${ms(fixedRead.p95)} ms p50 / p95; ` +
        `one round trip: ${ms(roundTrip.p50)} / ${ms(roundTrip.p95)} ms.`,
    );
    const underFixedCost = figures.filter((f) => f.naive.p95 / 100 < fixedRead.p95);
    console.log(
      underFixedCost.length === 0
        ? 'A hundredth of every naive p95 is above it.'
        : `A hundredth of the naive p95 is below it (100× would need a read faster than one with ` +
            `no figure) for: ${underFixedCost
              .map((f) => `${f.scenario} / ${f.endpoint} (${(f.naive.p95 / 100).toFixed(2)} ms)`)
              .join('; ')}.`,
    );
    if (Number(args['refresh-runs']) > 0) await measureRefresh(db, Number(args['refresh-runs']));
    if (args.json) {
      mkdirSync(dirname(String(args.json)), { recursive: true });
      writeFileSync(String(args.json), JSON.stringify({ startups: counts[0].startups, figures }));
    }
  } finally {
    await db.destroy();
  }
}

/**
 * The REFRESH_ANALYTICS step of a startup: once when nothing changed (a redelivered step), once
 * when it has just joined a structure, programme or cohort (its stored facts lack that follower,
 * so every fact changes and its whole history moves into the follower's rows). Each in its own
 * transaction, rolled back.
 */
async function measureRefresh(db: DataSource, runs: number): Promise<void> {
  const startups: { id: string; stays: number }[] = await db.query(
    `SELECT startup_id AS id, count(*)::int AS stays FROM analytics_stay
      GROUP BY startup_id ORDER BY md5(startup_id::text) LIMIT $1`,
    [runs],
  );
  const timed = async (prepare: string | null) => {
    const durations: number[] = [];
    for (const { id } of startups) {
      const runner = db.createQueryRunner();
      await runner.startTransaction();
      try {
        if (prepare) await runner.query(prepare, [id]);
        const startedAt = performance.now();
        await refreshStartups(runner.manager, [id]);
        durations.push(performance.now() - startedAt);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    }
    durations.sort((a, b) => a - b);
    return `p50 ${ms(percentile(durations, 0.5))} ms, p95 ${ms(percentile(durations, 0.95))} ms`;
  };
  const stays = startups.reduce((sum, s) => sum + s.stays, 0) / startups.length;
  console.log(
    `\nRefresh of one startup (${runs} startups, ${stays.toFixed(1)} stays each on average):`,
  );
  console.log(`- nothing changed: ${await timed(null)}`);
  console.log(
    `- joined a follower: ${await timed(
      `UPDATE analytics_stay SET followed_by = followed_by[2:] WHERE startup_id = $1`,
    )}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});

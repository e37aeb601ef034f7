import type { EcosystemTarget } from '@parcours/contracts';
import type { EntityManager } from 'typeorm';

/**
 * The bid's published targets for the whole ecosystem (SPEC, Normandy French Tech): in 3 years,
 * 25 startups accelerated, 150 new startups of which 100 hosted, 3 new tech champions and 1,000
 * tech jobs; in 10 years, 150, 600 / 400, 10 and 10,000.
 */
export const PUBLISHED_ECOSYSTEM_TARGETS: readonly EcosystemTarget[] = [
  { metric: 'startupsAccelerated', horizonYears: 3, target: 25 },
  { metric: 'newStartups', horizonYears: 3, target: 150 },
  { metric: 'startupsHosted', horizonYears: 3, target: 100 },
  { metric: 'techChampions', horizonYears: 3, target: 3 },
  { metric: 'jobsCreated', horizonYears: 3, target: 1_000 },
  { metric: 'startupsAccelerated', horizonYears: 10, target: 150 },
  { metric: 'newStartups', horizonYears: 10, target: 600 },
  { metric: 'startupsHosted', horizonYears: 10, target: 400 },
  { metric: 'techChampions', horizonYears: 10, target: 10 },
  { metric: 'jobsCreated', horizonYears: 10, target: 10_000 },
];

/**
 * Writes the published targets into an empty `ecosystem_target`, also on a demo database seeded
 * before the table existed. A table that holds anything was edited by an admin: left alone.
 */
export async function seedEcosystemTargets(em: EntityManager): Promise<number> {
  const rows: { metric: string }[] = await em.query(
    `INSERT INTO ecosystem_target (metric, horizon_years, target)
     SELECT t.metric, t.horizon_years, t.target
       FROM jsonb_to_recordset($1::jsonb) AS t(metric text, horizon_years int, target numeric)
      WHERE NOT EXISTS (SELECT 1 FROM ecosystem_target)
     ON CONFLICT DO NOTHING
     RETURNING metric`,
    [
      JSON.stringify(
        PUBLISHED_ECOSYSTEM_TARGETS.map((item) => ({
          metric: item.metric,
          horizon_years: item.horizonYears,
          target: item.target,
        })),
      ),
    ],
  );
  return rows.length;
}

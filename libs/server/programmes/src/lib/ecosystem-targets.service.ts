import { Injectable } from '@nestjs/common';
import {
  ecosystemTargetKey,
  type EcosystemTarget,
  type EcosystemTargetMetric,
  type EcosystemTargetView,
  type EcosystemTargetsResponse,
} from '@parcours/contracts';
import { recordAudit } from '@parcours/server-audit';
import { validationProblem } from '@parcours/server-http';
import type { Actor } from '@parcours/server-identity';
import { DataSource, type EntityManager } from 'typeorm';

/** Audit vocabulary of ecosystem targets (`AUDIT_ACTIONS` is open). */
export const ECOSYSTEM_TARGETS_AUDIT = {
  action: 'ecosystem_target.updated',
  entityType: 'ecosystem_target',
  /** The set is one thing: every change is recorded against it as a whole. */
  entityId: 'ecosystem',
} as const;

interface TargetRow {
  metric: EcosystemTargetMetric;
  horizon_years: number;
  target: number;
  updated_at: Date;
  updated_by_id: string | null;
}

const toView = (row: TargetRow): EcosystemTargetView => ({
  key: ecosystemTargetKey(row.metric, row.horizon_years),
  metric: row.metric,
  horizonYears: row.horizon_years,
  target: row.target,
  updatedAt: row.updated_at.toISOString(),
  updatedById: row.updated_by_id,
});

const bare = (item: EcosystemTarget) => ({
  metric: item.metric,
  horizonYears: item.horizonYears,
  target: item.target,
});

/**
 * The ecosystem's published targets (the bid: 25 startups accelerated in 3 years…), beside the
 * programmes' own. Admins replace the whole set at once; the change and its audit entry are
 * written in one transaction.
 */
@Injectable()
export class EcosystemTargetsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(em: EntityManager = this.dataSource.manager): Promise<EcosystemTargetsResponse> {
    const rows: TargetRow[] = await em.query(
      `SELECT metric, horizon_years, target::float8 AS target, updated_at, updated_by_id
         FROM ecosystem_target ORDER BY horizon_years, metric COLLATE "C"`,
    );
    return { items: rows.map(toView) };
  }

  async replace(
    actor: Actor,
    items: readonly EcosystemTarget[],
  ): Promise<EcosystemTargetsResponse> {
    const seen = new Set<string>();
    const duplicates = items.flatMap((item, index) => {
      const key = ecosystemTargetKey(item.metric, item.horizonYears);
      if (seen.has(key)) {
        return [{ path: `items.${index}`, message: `${key} is listed twice` }];
      }
      seen.add(key);
      return [];
    });
    if (duplicates.length > 0) throw validationProblem(duplicates);
    return this.dataSource.transaction(async (em) => {
      // Serialises concurrent replacements, so that the audit's before is the true before.
      await em.query(`LOCK TABLE ecosystem_target IN SHARE ROW EXCLUSIVE MODE`);
      const before = await this.list(em);
      await em.query(`DELETE FROM ecosystem_target`);
      if (items.length > 0) {
        await em.query(
          `INSERT INTO ecosystem_target (metric, horizon_years, target, updated_by_id)
           SELECT metric, horizon_years, target, $2
             FROM jsonb_to_recordset($1::jsonb) AS t(metric text, horizon_years int, target numeric)`,
          [
            JSON.stringify(
              items.map((item) => ({
                metric: item.metric,
                horizon_years: item.horizonYears,
                target: item.target,
              })),
            ),
            actor.id,
          ],
        );
      }
      const after = await this.list(em);
      await recordAudit(em, {
        ...ECOSYSTEM_TARGETS_AUDIT,
        actorId: actor.id,
        before: before.items.map(bare),
        after: after.items.map(bare),
      });
      return after;
    });
  }
}

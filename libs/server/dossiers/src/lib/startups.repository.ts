import { Injectable } from '@nestjs/common';
import type { Stage, StartupView } from '@parcours/contracts';
import { decodeCursor, encodeCursor } from '@parcours/server-http';
import { startupVisibility, type Actor } from '@parcours/server-identity';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export interface StartupFilter {
  stage?: Stage;
  status?: string;
  structureId?: string;
  territory?: string;
  domain?: string;
  q?: string;
}

const VIEW_COLUMNS = [
  's.id AS id',
  's.name AS name',
  's.legal_name AS "legalName"',
  's.siren AS siren',
  's.domain AS domain',
  's.territory_code AS territory',
  `to_char(s.founded_on, 'YYYY-MM-DD') AS "foundedOn"`,
  's.stage AS stage',
  's.stage_entered_at AS "stageEnteredAt"',
  's.status AS status',
  's.tags AS tags',
  's.description AS description',
  's.website AS website',
  's.current_structure_id AS "structureId"',
  's.current_programme_id AS "programmeId"',
  's.current_cohort_id AS "cohortId"',
  's.version AS version',
];

type StartupRow = Omit<StartupView, 'stageEnteredAt'> & { stageEnteredAt: Date };

const toView = (row: StartupRow): StartupView => ({
  ...row,
  siren: row.siren?.trim() ?? null,
  stageEnteredAt: new Date(row.stageEnteredAt).toISOString(),
});

/** Every read of startups goes through the actor's visibility condition, in SQL. */
@Injectable()
export class StartupsRepository {
  private visible(em: EntityManager, actor: Actor, filter: StartupFilter) {
    const visibility = startupVisibility(actor, 's');
    const qb = em
      .createQueryBuilder()
      .from('startup', 's')
      .where(visibility.sql, visibility.params);
    this.applyFilter(qb, filter);
    return qb;
  }

  private applyFilter(qb: SelectQueryBuilder<ObjectLiteral>, filter: StartupFilter): void {
    if (filter.stage) qb.andWhere('s.stage = :stage', { stage: filter.stage });
    if (filter.status) qb.andWhere('s.status = :status', { status: filter.status });
    if (filter.structureId)
      qb.andWhere('s.current_structure_id = :structureId', { structureId: filter.structureId });
    if (filter.territory)
      qb.andWhere('s.territory_code = :territory', { territory: filter.territory });
    if (filter.domain) qb.andWhere('s.domain = :domain', { domain: filter.domain });
    if (filter.q) {
      // Accent-insensitive substring, or close enough by trigram similarity to forgive typos.
      qb.andWhere(
        `(unaccent(lower(s.name)) LIKE '%' || unaccent(lower(:q)) || '%'
          OR unaccent(lower(coalesce(s.legal_name, ''))) LIKE '%' || unaccent(lower(:q)) || '%'
          OR word_similarity(unaccent(lower(:q)), unaccent(lower(s.name))) >= 0.45)`,
        { q: filter.q },
      );
    }
  }

  /** Keyset pagination on (name, id): stable under inserts, no OFFSET scans. */
  async list(
    em: EntityManager,
    actor: Actor,
    filter: StartupFilter,
    limit: number,
    cursor?: string,
  ): Promise<{ items: StartupView[]; nextCursor: string | null }> {
    const qb = this.visible(em, actor, filter).select(VIEW_COLUMNS);
    if (cursor) {
      const [name, id] = decodeCursor(cursor, 2);
      qb.andWhere('(s.name, s.id) > (:cursorName, :cursorId)', { cursorName: name, cursorId: id });
    }
    const rows = await qb
      .orderBy('s.name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(limit + 1)
      .getRawMany<StartupRow>();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toView),
      nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null,
    };
  }

  async stageCounts(
    em: EntityManager,
    actor: Actor,
    filter: StartupFilter,
  ): Promise<Record<string, number>> {
    const rows = await this.visible(em, actor, filter)
      .select(['s.stage AS stage', 'count(*)::int AS count'])
      .groupBy('s.stage')
      .getRawMany<{ stage: Stage; count: number }>();
    return Object.fromEntries(rows.map((row) => [row.stage, row.count]));
  }

  async findVisible(em: EntityManager, actor: Actor, id: string): Promise<StartupView | null> {
    const row = await this.visible(em, actor, {})
      .select(VIEW_COLUMNS)
      .andWhere('s.id = :id', { id })
      .getRawOne<StartupRow>();
    return row ? toView(row) : null;
  }
}

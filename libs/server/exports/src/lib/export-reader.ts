import { createHmac } from 'node:crypto';
import {
  refreshStaleStartups,
  selectedStartupsSql,
  SqlParams,
  startupSelection,
  type AnalyticsQuery,
} from '@parcours/server-analytics';
import { hasGlobalGrant, hasRole, type Actor } from '@parcours/server-identity';
import type { DataSource } from 'typeorm';
import type { StartupExportRow, TransitionExportRow } from './export-columns';

/** Where a keyset read stands: the sort key of the last row read (null before the first). */
export type KeysetPosition = readonly (string | number)[] | null;

export interface RowBatch<Row> {
  rows: Row[];
  /** The position after the last row of this batch. */
  next: KeysetPosition;
}

/**
 * Funders never see founders' personal data (SPEC §1). Someone who is a funder and also staff
 * gets the funder's view: which of their roles lets them see a given startup is not something
 * an export row can tell.
 */
export const pseudonymisesFounders = (actor: Actor) =>
  hasRole(actor, 'funder') && !hasGlobalGrant(actor, 'admin');

/**
 * A stable pseudonym for a person: the same person reads the same in every export (so that a
 * funder can count distinct founders) without the id, the name or the address behind it.
 */
export function pseudonymOf(key: Buffer, userId: string): string {
  return `P-${createHmac('sha256', key).update(userId).digest('hex').slice(0, 10)}`;
}

interface StartupDbRow {
  id: string;
  name: string;
  legal_name: string | null;
  siren: string | null;
  stage: string;
  status: string;
  territory_code: string;
  domain: string;
  stage_entered_at: Date;
  structure: string | null;
  programme: string | null;
  cohort: string | null;
  founded_on: string | null;
  tags: string[];
  website: string | null;
  created_at: Date;
  founders: { id: string; name: string; email: string }[] | null;
}

interface TransitionDbRow {
  stay_id: string;
  transition_id: string;
  startup_id: string;
  startup_name: string;
  from_stage: string | null;
  to_stage: string;
  entered_at: Date;
  entered_key: string;
  territory_code: string;
  domain: string;
  structure: string | null;
  programme: string | null;
  cohort: string | null;
  move_kind: string | null;
}

/**
 * Reads the rows of the tabular exports in keyset batches, each its own short query, so that
 * memory stays flat whatever the size and a slow client never holds a database connection.
 * The startups are the analytics selection (the actor's visibility and the filters, in SQL).
 */
export class ExportReader {
  private readonly selectionSql: string;
  private readonly params: SqlParams;

  constructor(
    private readonly dataSource: DataSource,
    private readonly actor: Actor,
    private readonly query: AnalyticsQuery,
    private readonly pseudonymKey: Buffer,
  ) {
    this.params = new SqlParams();
    this.selectionSql = selectedStartupsSql(startupSelection(actor, query), this.params);
  }

  /** The structure, programme and cohort filters read the analytics facts: bring them up to date. */
  prepare(): Promise<unknown> {
    return refreshStaleStartups(this.dataSource);
  }

  async countStartups(): Promise<number> {
    const rows: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM (${this.selectionSql}) sel`,
      this.params.values,
    );
    return rows[0]?.count ?? 0;
  }

  async startups(after: KeysetPosition, limit: number): Promise<RowBatch<StartupExportRow>> {
    const params = new SqlParams();
    params.values.push(...this.params.values);
    const afterId = after === null ? null : String(after[0]);
    const rows: StartupDbRow[] = await this.dataSource.query(
      `SELECT s.id, s.name, s.legal_name, s.siren, s.stage, s.status, s.territory_code, s.domain,
              s.stage_entered_at, st.name AS structure, p.name AS programme, c.name AS cohort,
              to_char(s.founded_on, 'YYYY-MM-DD') AS founded_on, s.tags, s.website, s.created_at,
              (SELECT json_agg(json_build_object('id', u.id, 'name', u.display_name, 'email', u.email)
                               ORDER BY u.display_name, u.id)
                 FROM role_grant g JOIN app_user u ON u.id = g.user_id
                WHERE g.role = 'founder' AND g.startup_id = s.id) AS founders
         FROM startup s
         LEFT JOIN structure st ON st.id = s.current_structure_id
         LEFT JOIN programme p ON p.id = s.current_programme_id
         LEFT JOIN cohort c ON c.id = s.current_cohort_id
        WHERE s.id IN (${this.selectionSql})
          AND (${params.add(afterId)}::uuid IS NULL OR s.id > ${params.add(afterId)}::uuid)
        ORDER BY s.id
        LIMIT ${params.add(limit)}`,
      params.values,
    );
    const pseudonymise = pseudonymisesFounders(this.actor);
    return {
      rows: rows.map((row) => {
        const founders = row.founders ?? [];
        return {
          id: row.id,
          name: row.name,
          legalName: row.legal_name,
          siren: row.siren,
          stage: row.stage,
          status: row.status,
          territory: row.territory_code,
          domain: row.domain,
          stageEnteredAt: new Date(row.stage_entered_at),
          structure: row.structure,
          programme: row.programme,
          cohort: row.cohort,
          foundedOn: row.founded_on,
          tags: row.tags ?? [],
          website: row.website,
          founderCount: founders.length,
          founders: founders.map((founder) =>
            pseudonymise
              ? pseudonymOf(this.pseudonymKey, founder.id)
              : `${founder.name} <${founder.email}>`,
          ),
          createdAt: new Date(row.created_at),
        };
      }),
      next: rows.length === 0 ? after : [rows[rows.length - 1].id],
    };
  }

  private transitionFilter(params: SqlParams): string {
    return `st.startup_id IN (${this.selectionSql})
        AND st.entered_at >= ${params.add(this.query.from ?? '-infinity')}::timestamptz
        AND st.entered_at < ${params.add(this.query.to)}::timestamptz`;
  }

  async countTransitions(): Promise<number> {
    const params = new SqlParams();
    params.values.push(...this.params.values);
    const rows: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM stage_stay st WHERE ${this.transitionFilter(params)}`,
      params.values,
    );
    return rows[0]?.count ?? 0;
  }

  /**
   * Every stay that began in the period is one completed stage change (its entry), exactly what
   * `/analytics/flows` counts; ordered by effective time.
   */
  async transitions(after: KeysetPosition, limit: number): Promise<RowBatch<TransitionExportRow>> {
    const params = new SqlParams();
    params.values.push(...this.params.values);
    const filter = this.transitionFilter(params);
    const afterAt = after === null ? null : String(after[0]);
    const afterId = after === null ? null : String(after[1]);
    const rows: TransitionDbRow[] = await this.dataSource.query(
      `SELECT st.id AS stay_id, st.entered_by_transition_id AS transition_id,
              st.startup_id, s.name AS startup_name, tr.from_stage, st.stage AS to_stage,
              st.entered_at,
              to_char(st.entered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS entered_key,
              s.territory_code, s.domain, str.name AS structure,
              p.name AS programme, c.name AS cohort, tr.move_kind
         FROM stage_stay st
         JOIN startup s ON s.id = st.startup_id
         LEFT JOIN transition tr ON tr.id = st.entered_by_transition_id
         LEFT JOIN structure str ON str.id = st.structure_id
         LEFT JOIN programme p ON p.id = st.programme_id
         LEFT JOIN cohort c ON c.id = st.cohort_id
        WHERE ${filter}
          AND (${params.add(afterAt)}::timestamptz IS NULL
               OR (st.entered_at, st.id) > (${params.add(afterAt)}::timestamptz, ${params.add(afterId)}::uuid))
        ORDER BY st.entered_at, st.id
        LIMIT ${params.add(limit)}`,
      params.values,
    );
    const last = rows[rows.length - 1];
    return {
      rows: rows.map((row) => ({
        transitionId: row.transition_id,
        startupId: row.startup_id,
        startupName: row.startup_name,
        fromStage: row.from_stage,
        toStage: row.to_stage,
        effectiveAt: new Date(row.entered_at),
        territory: row.territory_code,
        domain: row.domain,
        structure: row.structure,
        programme: row.programme,
        cohort: row.cohort,
        moveKind: row.move_kind,
      })),
      // With its microseconds (a JavaScript Date keeps milliseconds), or the keyset would repeat
      // rows that share the millisecond.
      next: last ? [last.entered_key, last.stay_id] : after,
    };
  }
}

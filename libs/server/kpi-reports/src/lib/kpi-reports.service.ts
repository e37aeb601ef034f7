import { Injectable } from '@nestjs/common';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  quarterOf,
  quarterStart,
  type KpiReportFigures,
  type KpiReportView,
} from '@parcours/contracts';
import { recordAudit } from '@parcours/server-audit';
import { constraintViolationOf, returnedRows } from '@parcours/server-db';
import {
  conflictProblem,
  forbiddenProblem,
  notFoundProblem,
  staleVersionProblem,
  validationProblem,
} from '@parcours/server-http';
import { startupRolesOf, type Actor, type StartupRoles } from '@parcours/server-identity';
import { DataSource, type EntityManager } from 'typeorm';

/** Timeline kinds of KPI reports (`GET /startups/:id/timeline`). */
export const KPI_REPORT_TIMELINE_KINDS = {
  submitted: 'KPI_REPORT_SUBMITTED',
  amended: 'KPI_REPORT_AMENDED',
} as const;

interface ReportRow {
  id: string;
  startup_id: string;
  quarter: string;
  quarter_starts_on: string;
  headcount: number;
  jobs_created: number;
  revenue_eur: string;
  funds_raised_eur: string;
  customers: number;
  export_countries: string[];
  trade_shows: KpiReportFigures['tradeShows'];
  submitted_by_id: string | null;
  updated_by_id: string | null;
  version: number;
  submitted_at: Date;
  updated_at: Date;
}

const REPORT_COLUMNS = `id, startup_id, quarter, to_char(quarter_starts_on, 'YYYY-MM-DD') AS quarter_starts_on,
  headcount, jobs_created, revenue_eur, funds_raised_eur, customers, export_countries, trade_shows,
  submitted_by_id, updated_by_id, version, submitted_at, updated_at`;

const toView = (row: ReportRow): KpiReportView => ({
  id: row.id,
  startupId: row.startup_id,
  quarter: row.quarter,
  quarterStartsOn: row.quarter_starts_on,
  headcount: row.headcount,
  jobsCreated: row.jobs_created,
  revenueEur: Number(row.revenue_eur),
  fundsRaisedEur: Number(row.funds_raised_eur),
  customers: row.customers,
  exportCountries: row.export_countries,
  tradeShows: row.trade_shows,
  submittedById: row.submitted_by_id,
  submittedAt: new Date(row.submitted_at).toISOString(),
  updatedById: row.updated_by_id,
  updatedAt: new Date(row.updated_at).toISOString(),
  version: row.version,
});

const figuresOf = (row: ReportRow): KpiReportFigures => {
  const view = toView(row);
  return {
    quarter: view.quarter,
    headcount: view.headcount,
    jobsCreated: view.jobsCreated,
    revenueEur: view.revenueEur,
    fundsRaisedEur: view.fundsRaisedEur,
    customers: view.customers,
    exportCountries: view.exportCountries,
    tradeShows: view.tradeShows,
  };
};

const UNIQUE_QUARTER = 'uq_kpi_report_startup_id_quarter';

/**
 * Quarterly KPI reports: one per startup and quarter. Founders of the startup, its managers and
 * admins submit and amend them; its mentors read them; funders read only their sums
 * (`/analytics/kpis`). A quarter that has not begun cannot be reported on (400); a second report
 * for a quarter is a 409 naming the existing one. Audited, and on the startup's timeline.
 */
@Injectable()
export class KpiReportsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: Actor, startupId: string): Promise<{ items: KpiReportView[] }> {
    const roles = await this.rolesFor(this.dataSource.manager, actor, startupId);
    if (!(roles.admin || roles.manager || roles.founder || roles.mentor)) {
      throw forbiddenProblem(
        'KPI reports are read by the startup’s founders, mentors and managers; funders read their sums in analytics',
      );
    }
    const rows: ReportRow[] = await this.dataSource.query(
      `SELECT ${REPORT_COLUMNS} FROM kpi_report WHERE startup_id = $1 ORDER BY quarter_starts_on DESC`,
      [startupId],
    );
    return { items: rows.map(toView) };
  }

  async submit(actor: Actor, startupId: string, figures: KpiReportFigures): Promise<KpiReportView> {
    try {
      return await this.dataSource.transaction(async (em) => {
        this.assertMayWrite(await this.rolesFor(em, actor, startupId));
        const startsOn = this.quarterStartsOn(figures.quarter);
        const existing: { id: string }[] = await em.query(
          `SELECT id FROM kpi_report WHERE startup_id = $1 AND quarter = $2`,
          [startupId, figures.quarter],
        );
        if (existing[0]) throw this.duplicate(figures.quarter, existing[0].id);
        const [row]: ReportRow[] = await em.query(
          `INSERT INTO kpi_report (startup_id, quarter, quarter_starts_on, headcount, jobs_created,
                                   revenue_eur, funds_raised_eur, customers, export_countries,
                                   trade_shows, submitted_by_id, updated_by_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
           RETURNING ${REPORT_COLUMNS}`,
          [startupId, figures.quarter, startsOn, ...this.values(figures), actor.id],
        );
        const view = toView(row);
        await recordAudit(em, {
          action: AUDIT_ACTIONS.kpiReportSubmitted,
          entityType: AUDIT_ENTITY_TYPES.kpiReport,
          entityId: row.id,
          startupId,
          actorId: actor.id,
          after: figuresOf(row),
        });
        await this.timeline(em, startupId, actor.id, KPI_REPORT_TIMELINE_KINDS.submitted, view);
        return view;
      });
    } catch (error) {
      // Two submissions racing for the same quarter: the unique constraint decides.
      if (constraintViolationOf(error)?.constraint === UNIQUE_QUARTER) {
        throw this.duplicate(figures.quarter);
      }
      throw error;
    }
  }

  async amend(
    actor: Actor,
    reportId: string,
    figures: KpiReportFigures,
    ifMatch: number | null,
  ): Promise<KpiReportView> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const [current]: ReportRow[] = await em.query(
          `SELECT ${REPORT_COLUMNS} FROM kpi_report WHERE id = $1 FOR UPDATE`,
          [reportId],
        );
        if (!current) throw notFoundProblem('KPI report');
        const roles = await startupRolesOf(em, actor, current.startup_id);
        if (!roles) throw notFoundProblem('KPI report');
        this.assertMayWrite(roles);
        if (ifMatch !== null && ifMatch !== current.version) {
          throw staleVersionProblem(current.version);
        }
        const startsOn = this.quarterStartsOn(figures.quarter);
        if (figures.quarter !== current.quarter) {
          const taken: { id: string }[] = await em.query(
            `SELECT id FROM kpi_report WHERE startup_id = $1 AND quarter = $2`,
            [current.startup_id, figures.quarter],
          );
          if (taken[0]) throw this.duplicate(figures.quarter, taken[0].id);
        }
        const [row]: ReportRow[] = returnedRows(
          await em.query(
            `UPDATE kpi_report
                SET quarter = $2, quarter_starts_on = $3, headcount = $4, jobs_created = $5,
                    revenue_eur = $6, funds_raised_eur = $7, customers = $8, export_countries = $9,
                    trade_shows = $10, updated_by_id = $11, version = version + 1, updated_at = now()
              WHERE id = $1
              RETURNING ${REPORT_COLUMNS}`,
            [reportId, figures.quarter, startsOn, ...this.values(figures), actor.id],
          ),
        );
        const view = toView(row);
        await recordAudit(em, {
          action: AUDIT_ACTIONS.kpiReportAmended,
          entityType: AUDIT_ENTITY_TYPES.kpiReport,
          entityId: reportId,
          startupId: current.startup_id,
          actorId: actor.id,
          before: figuresOf(current),
          after: figuresOf(row),
        });
        await this.timeline(
          em,
          current.startup_id,
          actor.id,
          KPI_REPORT_TIMELINE_KINDS.amended,
          view,
        );
        return view;
      });
    } catch (error) {
      if (constraintViolationOf(error)?.constraint === UNIQUE_QUARTER) {
        throw this.duplicate(figures.quarter);
      }
      throw error;
    }
  }

  /** The quarter's first day; 400 for a quarter that has not begun (reports look back). */
  private quarterStartsOn(quarter: string): string {
    const start = quarterStart(quarter);
    if (!start) {
      throw validationProblem([{ path: 'quarter', message: 'must be a quarter like 2026-Q3' }]);
    }
    if (start.getTime() > Date.now()) {
      throw validationProblem([
        {
          path: 'quarter',
          message: `${quarter} has not begun: the latest quarter that can be reported is ${quarterOf(new Date())}`,
        },
      ]);
    }
    return start.toISOString().slice(0, 10);
  }

  private values(figures: KpiReportFigures): unknown[] {
    return [
      figures.headcount,
      figures.jobsCreated,
      figures.revenueEur,
      figures.fundsRaisedEur,
      figures.customers,
      [...new Set(figures.exportCountries.map((code) => code.toUpperCase()))],
      JSON.stringify(
        figures.tradeShows.map((show) => ({
          event: show.event.trim(),
          country: show.country.toUpperCase(),
          date: show.date,
        })),
      ),
    ];
  }

  private duplicate(quarter: string, existingId?: string) {
    return conflictProblem(
      `The startup already has a KPI report for ${quarter}${existingId ? ` (${existingId})` : ''}: amend it with PUT /kpi-reports/${existingId ?? ':id'}`,
      [{ path: 'quarter', message: `a report for ${quarter} exists` }],
    );
  }

  private assertMayWrite(roles: StartupRoles): void {
    if (!(roles.admin || roles.manager || roles.founder)) {
      throw forbiddenProblem('KPI reports are submitted by the startup’s founders and managers');
    }
  }

  private async rolesFor(
    em: EntityManager,
    actor: Actor,
    startupId: string,
  ): Promise<StartupRoles> {
    const roles = await startupRolesOf(em, actor, startupId);
    if (!roles) throw notFoundProblem('Startup');
    return roles;
  }

  private async timeline(
    em: EntityManager,
    startupId: string,
    actorId: string,
    kind: string,
    report: KpiReportView,
  ): Promise<void> {
    await em.query(
      `INSERT INTO timeline_event (startup_id, occurred_at, kind, actor_id, payload)
       VALUES ($1, now(), $2, $3, $4)`,
      [startupId, kind, actorId, { reportId: report.id, quarter: report.quarter }],
    );
  }
}

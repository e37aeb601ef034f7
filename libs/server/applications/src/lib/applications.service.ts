import { Injectable } from '@nestjs/common';
import {
  APPLICATION_SCORE_MAX,
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  type ApplicationCriterion,
  type ApplicationDecision,
  type ApplicationDecisionResult,
  type ApplicationFormView,
  type ApplicationQuestion,
  type ApplicationReviewView,
  type ApplicationScore,
  type ApplicationStatus,
  type ApplicationView,
  type Stage,
  type TransitionView,
} from '@parcours/contracts';
import { answerErrors, applicationAverage, scoreErrors, weightedScore } from '@parcours/domain';
import { recordAudit } from '@parcours/server-audit';
import { returnedRows } from '@parcours/server-db';
import {
  conflictProblem,
  forbiddenProblem,
  notFoundProblem,
  ProblemException,
  validationProblem,
} from '@parcours/server-http';
import {
  grantTargets,
  isAdmin,
  managedStructureIds,
  startupVisibility,
  type Actor,
} from '@parcours/server-identity';
import { TransitionsService, type LockedStartup } from '@parcours/server-transitions';
import { DataSource, type EntityManager } from 'typeorm';

export interface ApplicationInput {
  startupId: string;
  answers: Record<string, unknown>;
}

export interface ReviewInput {
  scores: ApplicationScore[];
  comment?: string | null;
}

export interface ApplicationsFilter {
  programmeId?: string;
  startupId?: string;
  status?: ApplicationStatus;
  limit: number;
}

interface ProgrammeRow {
  id: string;
  name: string;
  stage: Stage;
  structure_id: string;
  application_questions: ApplicationQuestion[];
  application_criteria: ApplicationCriterion[];
  reviewers_required: number;
}

interface ApplicationRow {
  id: string;
  programme_id: string;
  startup_id: string;
  status: ApplicationStatus;
  answers: Record<string, string>;
  submitted_by_id: string | null;
  submitted_at: Date;
  decision: ApplicationDecision | null;
  decided_by_id: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  transition_id: string | null;
  version: number;
  structure_id: string;
  reviewers_required: number;
  programme_name: string;
  startup_name: string;
  review_count: number;
  review_scores: string[] | null;
}

interface ReviewRow {
  id: string;
  reviewed_by_id: string;
  reviewer_name: string;
  scores: ApplicationScore[];
  weighted_score: string;
  comment: string | null;
  created_at: Date;
}

const PG_UNIQUE_VIOLATION = '23505';

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

/** Application rows with what every view needs: the programme's structure and review figures. */
const APPLICATION_SELECT = `
  SELECT a.*, p.structure_id, p.reviewers_required, p.name AS programme_name, s.name AS startup_name,
         (SELECT count(*)::int FROM application_review r WHERE r.application_id = a.id) AS review_count,
         (SELECT array_agg(r.weighted_score::text) FROM application_review r
           WHERE r.application_id = a.id) AS review_scores
    FROM application a JOIN programme p ON p.id = a.programme_id
    JOIN startup s ON s.id = a.startup_id`;

/**
 * Applications to programmes (SPEC §2): founders apply with answers to the programme's questions;
 * reviewers — admins and managers of the programme's structure — score each application once on
 * the programme's weighted criteria; once the programme's `reviewersRequired` reviews are in, the
 * average is known and the committee (the same people) decides. An acceptance opens a stage move
 * into the programme through the transitions service, in the same transaction, so every rule of a
 * move (state machine, entry guards, four-eyes approval) applies to it.
 *
 * Who reads what: admins everything; managers the applications to their structures' programmes;
 * founders their startups' applications, without the individual reviews. Anything else is 404.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transitions: TransitionsService,
  ) {}

  async form(programmeId: string): Promise<ApplicationFormView> {
    const programme = await this.programme(this.dataSource.manager, programmeId);
    if (!programme) throw notFoundProblem('Programme');
    return {
      programmeId: programme.id,
      programmeName: programme.name,
      stage: programme.stage,
      questions: programme.application_questions,
      criteria: programme.application_criteria,
      reviewersRequired: programme.reviewers_required,
      scoreMax: APPLICATION_SCORE_MAX,
    };
  }

  async submit(
    actor: Actor,
    programmeId: string,
    input: ApplicationInput,
  ): Promise<ApplicationView> {
    const id = await this.dataSource.transaction(async (em) => {
      const programme = await this.programme(em, programmeId);
      if (!programme) throw notFoundProblem('Programme');
      await this.assertStartupVisible(em, actor, input.startupId);
      if (!isAdmin(actor) && !this.foundedStartups(actor).includes(input.startupId)) {
        throw forbiddenProblem('Only the founders of the startup apply on its behalf');
      }
      const errors = answerErrors(programme.application_questions, input.answers);
      if (errors.length > 0) throw validationProblem(errors);
      const answers = Object.fromEntries(
        Object.entries(input.answers).map(([key, value]) => [key, String(value).trim()]),
      );
      const rows: { id: string }[] = await em
        .query(
          `INSERT INTO application (programme_id, startup_id, answers, submitted_by_id)
           VALUES ($1, $2, $3, $4) RETURNING id`,
          [programmeId, input.startupId, answers, actor.id],
        )
        .catch((error: unknown) => {
          if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION) {
            throw conflictProblem('The startup already has an application under examination', [
              { path: 'startupId', message: 'APPLICATION_PENDING' },
            ]);
          }
          throw error;
        });
      const applicationId = rows[0].id;
      await recordAudit(em, {
        action: AUDIT_ACTIONS.applicationSubmitted,
        entityType: AUDIT_ENTITY_TYPES.application,
        entityId: applicationId,
        startupId: input.startupId,
        actorId: actor.id,
        after: { programmeId, status: 'SUBMITTED', answers },
      });
      await this.timeline(em, input.startupId, 'APPLICATION_SUBMITTED', actor.id, null, {
        applicationId,
        programmeId,
        programmeName: programme.name,
      });
      return applicationId;
    });
    return this.get(actor, id);
  }

  async list(actor: Actor, filter: ApplicationsFilter): Promise<{ items: ApplicationView[] }> {
    const scope = this.readScope(actor);
    const params: unknown[] = [filter.limit];
    const where: string[] = [];
    if (scope !== 'ALL') {
      params.push(scope.structureIds, scope.startupIds);
      where.push(
        `(p.structure_id = ANY($${params.length - 1}::uuid[]) OR a.startup_id = ANY($${params.length}::uuid[]))`,
      );
    }
    if (filter.programmeId) {
      params.push(filter.programmeId);
      where.push(`a.programme_id = $${params.length}`);
    }
    if (filter.startupId) {
      params.push(filter.startupId);
      where.push(`a.startup_id = $${params.length}`);
    }
    if (filter.status) {
      params.push(filter.status);
      where.push(`a.status = $${params.length}`);
    }
    const rows: ApplicationRow[] = await this.dataSource.query(
      `${APPLICATION_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.submitted_at DESC, a.id LIMIT $1`,
      params,
    );
    return { items: rows.map((row) => this.toView(row)) };
  }

  async get(actor: Actor, applicationId: string): Promise<ApplicationView> {
    const row = await this.findReadable(this.dataSource.manager, actor, applicationId);
    const view = this.toView(row);
    if (this.mayReview(actor, row.structure_id)) {
      const reviews: ReviewRow[] = await this.dataSource.query(
        `SELECT r.id, r.reviewed_by_id, u.display_name AS reviewer_name, r.scores,
                r.weighted_score, r.comment, r.created_at
           FROM application_review r JOIN app_user u ON u.id = r.reviewed_by_id
          WHERE r.application_id = $1 ORDER BY r.created_at, r.id`,
        [applicationId],
      );
      view.reviews = reviews.map(
        (review): ApplicationReviewView => ({
          id: review.id,
          reviewerId: review.reviewed_by_id,
          reviewerName: review.reviewer_name,
          scores: review.scores,
          weightedScore: Number(review.weighted_score),
          comment: review.comment,
          reviewedAt: new Date(review.created_at).toISOString(),
        }),
      );
    }
    return view;
  }

  async review(actor: Actor, applicationId: string, input: ReviewInput): Promise<ApplicationView> {
    await this.dataSource.transaction(async (em) => {
      const application = await this.lockReadable(em, actor, applicationId);
      if (!this.mayReview(actor, application.structure_id)) {
        throw forbiddenProblem('Only admins and managers of the programme’s structure review');
      }
      if (application.status !== 'SUBMITTED') {
        throw conflictProblem(`The application is ${application.status}; reviews are closed`);
      }
      const programme = await this.programme(em, application.programme_id);
      const criteria = programme?.application_criteria ?? [];
      if (criteria.length === 0) {
        throw conflictProblem('The programme has no review criteria to score');
      }
      const errors = scoreErrors(criteria, input.scores);
      if (errors.length > 0) throw validationProblem(errors);
      const score = weightedScore(criteria, input.scores);
      const comment = input.comment?.trim() || null;
      const rows: { id: string }[] = await em
        .query(
          `INSERT INTO application_review (application_id, reviewed_by_id, scores, weighted_score, comment)
           VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [applicationId, actor.id, JSON.stringify(input.scores), score, comment],
        )
        .catch((error: unknown) => {
          if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION) {
            throw conflictProblem('You have already reviewed this application', [
              { path: 'scores', message: 'ALREADY_REVIEWED' },
            ]);
          }
          throw error;
        });
      await recordAudit(em, {
        action: AUDIT_ACTIONS.applicationReviewed,
        entityType: AUDIT_ENTITY_TYPES.application,
        entityId: applicationId,
        startupId: application.startup_id,
        actorId: actor.id,
        after: { reviewId: rows[0].id, scores: input.scores, weightedScore: score, comment },
      });
      // The timeline is read by founders: it says a review came in, not what it says.
      await this.timeline(em, application.startup_id, 'APPLICATION_REVIEWED', actor.id, null, {
        applicationId,
        reviewCount: application.review_count + 1,
        reviewersRequired: application.reviewers_required,
      });
    });
    return this.get(actor, applicationId);
  }

  async decide(
    actor: Actor,
    applicationId: string,
    decision: ApplicationDecision,
    note: string | null,
  ): Promise<ApplicationDecisionResult> {
    const transitionId = await this.dataSource.transaction(async (em) => {
      const application = await this.lockReadable(em, actor, applicationId);
      if (!this.mayReview(actor, application.structure_id)) {
        throw forbiddenProblem('Only admins and managers of the programme’s structure decide');
      }
      if (application.status !== 'SUBMITTED') {
        throw conflictProblem(`The application is already ${application.status}`);
      }
      if (application.review_count < application.reviewers_required) {
        throw conflictProblem(
          `The committee decides once the ${application.reviewers_required} reviews are in (${application.review_count} so far)`,
          [{ path: 'decision', message: 'REVIEWS_INCOMPLETE' }],
        );
      }
      const programme = await this.programme(em, application.programme_id);
      if (!programme) throw notFoundProblem('Programme');
      const cleanNote = note?.trim() || null;
      let opened: string | null = null;
      if (decision === 'ACCEPT') {
        // Access to the startup comes from the application (a founder may apply to a programme
        // whose managers do not follow the startup yet): lock it directly, then let the
        // transitions service apply every rule of the move.
        const startup = await this.lockStartup(em, application.startup_id);
        opened = await this.transitions.requestLocked(em, actor, startup, {
          toStage: programme.stage,
          programmeId: programme.id,
          reason: cleanNote ?? `Candidature acceptée : ${programme.name}`,
        });
      }
      const status: ApplicationStatus = decision === 'ACCEPT' ? 'ACCEPTED' : 'REJECTED';
      returnedRows(
        await em.query(
          `UPDATE application SET status = $2, decision = $3, decided_by_id = $4, decided_at = now(),
                  decision_note = $5, transition_id = $6, version = version + 1, updated_at = now()
            WHERE id = $1 RETURNING id`,
          [applicationId, status, decision, actor.id, cleanNote, opened],
        ),
      );
      await recordAudit(em, {
        action: AUDIT_ACTIONS.applicationDecided,
        entityType: AUDIT_ENTITY_TYPES.application,
        entityId: applicationId,
        startupId: application.startup_id,
        actorId: actor.id,
        before: { status: 'SUBMITTED' },
        after: { status, decision, note: cleanNote, transitionId: opened },
      });
      await this.timeline(em, application.startup_id, 'APPLICATION_DECIDED', actor.id, opened, {
        applicationId,
        programmeId: programme.id,
        decision,
        note: cleanNote,
      });
      return opened;
    });
    return {
      application: await this.get(actor, applicationId),
      transition: transitionId ? await this.openedMove(actor, transitionId) : null,
    };
  }

  /** The move the acceptance opened, when the decider may read it (it may await consent). */
  private async openedMove(actor: Actor, transitionId: string): Promise<TransitionView | null> {
    try {
      return await this.transitions.get(actor, transitionId);
    } catch (error) {
      if (error instanceof ProblemException && error.getStatus() === 404) return null;
      throw error;
    }
  }

  private toView(row: ApplicationRow): ApplicationView {
    const scores = (row.review_scores ?? []).map(Number);
    return {
      id: row.id,
      programmeId: row.programme_id,
      programmeName: row.programme_name,
      startupId: row.startup_id,
      startupName: row.startup_name,
      status: row.status,
      answers: row.answers,
      submittedById: row.submitted_by_id,
      submittedAt: new Date(row.submitted_at).toISOString(),
      reviewCount: row.review_count,
      reviewersRequired: row.reviewers_required,
      reviewsComplete: row.review_count >= row.reviewers_required,
      averageScore: applicationAverage(scores, row.reviewers_required),
      decision: row.decision,
      decidedById: row.decided_by_id,
      decidedAt: iso(row.decided_at),
      decisionNote: row.decision_note,
      transitionId: row.transition_id,
      version: row.version,
    };
  }

  /** Structures whose programmes' applications the actor reads, and startups they founded. */
  private readScope(actor: Actor): 'ALL' | { structureIds: string[]; startupIds: string[] } {
    if (isAdmin(actor)) return 'ALL';
    return { structureIds: managedStructureIds(actor), startupIds: this.foundedStartups(actor) };
  }

  private foundedStartups(actor: Actor): string[] {
    return grantTargets(actor, 'founder', 'STARTUP');
  }

  private mayReview(actor: Actor, structureId: string): boolean {
    return isAdmin(actor) || managedStructureIds(actor).includes(structureId);
  }

  private async findReadable(
    em: EntityManager,
    actor: Actor,
    applicationId: string,
    lock = false,
  ): Promise<ApplicationRow> {
    const rows: ApplicationRow[] = await em.query(
      `${APPLICATION_SELECT} WHERE a.id = $1 ${lock ? 'FOR UPDATE OF a' : ''}`,
      [applicationId],
    );
    const row = rows[0];
    const scope = this.readScope(actor);
    if (
      !row ||
      (scope !== 'ALL' &&
        !scope.structureIds.includes(row.structure_id) &&
        !scope.startupIds.includes(row.startup_id))
    ) {
      throw notFoundProblem('Application');
    }
    return row;
  }

  /** Locked so that concurrent reviews and decisions of one application serialise. */
  private lockReadable(em: EntityManager, actor: Actor, applicationId: string) {
    return this.findReadable(em, actor, applicationId, true);
  }

  private async lockStartup(em: EntityManager, startupId: string): Promise<LockedStartup> {
    const rows: LockedStartup[] = await em.query(
      `SELECT id, stage, status, version, current_structure_id AS "currentStructureId"
         FROM startup WHERE id = $1 FOR UPDATE`,
      [startupId],
    );
    if (!rows[0]) throw notFoundProblem('Startup');
    return rows[0];
  }

  private async programme(em: EntityManager, programmeId: string): Promise<ProgrammeRow | null> {
    const rows: ProgrammeRow[] = await em.query(
      `SELECT id, name, stage, structure_id, application_questions, application_criteria,
              reviewers_required
         FROM programme WHERE id = $1`,
      [programmeId],
    );
    return rows[0] ?? null;
  }

  private async assertStartupVisible(
    em: EntityManager,
    actor: Actor,
    startupId: string,
  ): Promise<void> {
    const visibility = startupVisibility(actor, 's');
    const row = await em
      .createQueryBuilder()
      .select('s.id')
      .from('startup', 's')
      .where('s.id = :startupId', { startupId })
      .andWhere(visibility.sql, visibility.params)
      .getRawOne();
    if (!row) throw notFoundProblem('Startup');
  }

  private async timeline(
    em: EntityManager,
    startupId: string,
    kind: string,
    actorId: string,
    transitionId: string | null,
    payload: Record<string, unknown>,
  ): Promise<void> {
    await em.query(
      `INSERT INTO timeline_event (startup_id, occurred_at, kind, actor_id, transition_id, payload)
       VALUES ($1, now(), $2, $3, $4, $5)`,
      [startupId, kind, actorId, transitionId, payload],
    );
  }
}

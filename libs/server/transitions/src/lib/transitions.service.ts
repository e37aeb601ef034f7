import { Injectable } from '@nestjs/common';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  WORKFLOW_STEPS,
  isPipelineStage,
  type ConsentDecision,
  type ConsentRequestView,
  type Decision,
  type Stage,
  type TransitionStatus,
  type TransitionView,
} from '@parcours/contracts';
import { checkDecisionAllowed, evaluateStageMove, isApprovedOnRequest } from '@parcours/domain';
import { recordAudit, recordAuditBatch, type AuditEntryInput } from '@parcours/server-audit';
import {
  conflictProblem,
  forbiddenProblem,
  guardsUnmetProblem,
  moveNotAllowedProblem,
  notFoundProblem,
  ProblemException,
  validationProblem,
} from '@parcours/server-http';
import {
  ActorDirectory,
  grantTargets,
  hasRole,
  isAdmin,
  managedStructureIds,
  type Actor,
} from '@parcours/server-identity';
import { DataSource, type EntityManager } from 'typeorm';
import { applyFirstEntries } from './first-entries';
import { applyStageChange } from './stage-change';
import { TransitionsRepository, type LockedStartup } from './transitions.repository';

export interface MoveRequest {
  toStage: Stage;
  programmeId?: string | null;
  cohortId?: string | null;
  reason?: string | null;
}

const PG_UNIQUE_VIOLATION = '23505';

/**
 * Requests, decisions and cancellations of stage moves. Each runs in one database transaction
 * holding the startup's row lock, so two concurrent moves of one startup serialise: the second
 * sees the first's pending request (409) or the new stage (409 from the state machine).
 */
@Injectable()
export class TransitionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: TransitionsRepository,
    private readonly actors: ActorDirectory,
  ) {}

  async request(actor: Actor, startupId: string, move: MoveRequest): Promise<TransitionView> {
    const transitionId = await this.inTransaction(async (em) => {
      const startup = await this.repository.lockVisibleStartup(em, actor, startupId);
      if (!startup) throw notFoundProblem('Startup');
      return this.requestLocked(em, actor, startup, move);
    });
    return this.get(actor, transitionId);
  }

  /**
   * A new startup's first entry, decided by its creator in the creating transaction. Stages that
   * need four-eyes approval are refused here by the caller's validation: those are reached by a move.
   */
  async firstEntry(
    em: EntityManager,
    actor: Actor,
    startup: Omit<LockedStartup, 'stage'>,
    move: MoveRequest,
  ): Promise<string> {
    return this.requestLocked(em, actor, { ...startup, stage: null }, move);
  }

  /**
   * The first entries of many startups created together (the CSV import), set-based: a few
   * statements for the lot instead of some twenty per startup. Each is planned as `firstEntry`
   * plans it — once per stage and structure, a new startup having no checklist, programme or
   * hosting agreement — and must be approved on request; otherwise (a stage needing a second
   * person) every startup goes through `firstEntry` one by one, with the same outcome.
   * `auditAfter` lists, per startup, the entries to chain after its first entry's own.
   */
  async firstEntries(
    em: EntityManager,
    actor: Actor,
    startups: readonly { id: string; structureId: string | null; toStage: Stage }[],
    auditAfter: (startupId: string) => AuditEntryInput[] = () => [],
  ): Promise<void> {
    const plans = new Map<string, Awaited<ReturnType<TransitionsService['plan']>>>();
    for (const startup of startups) {
      const key = `${startup.toStage}|${startup.structureId}`;
      if (plans.has(key)) continue;
      plans.set(
        key,
        await this.plan(
          em,
          {
            id: startup.id,
            status: 'ACTIVE',
            version: 1,
            currentStructureId: startup.structureId,
            stage: null,
          },
          { toStage: startup.toStage, programmeId: null, cohortId: null },
        ),
      );
    }
    const planOf = (startup: (typeof startups)[number]) =>
      plans.get(`${startup.toStage}|${startup.structureId}`) as NonNullable<
        ReturnType<typeof plans.get>
      >;
    const allApprovedOnRequest = [...plans.values()].every((plan) =>
      isApprovedOnRequest({
        requiresFourEyes: plan.requiresFourEyes,
        requesterMayDecide: this.mayDecide(actor, plan.targetStructureId),
      }),
    );
    if (!allApprovedOnRequest) {
      for (const startup of startups) {
        await this.firstEntry(
          em,
          actor,
          { id: startup.id, status: 'ACTIVE', version: 1, currentStructureId: startup.structureId },
          { toStage: startup.toStage, programmeId: null, cohortId: null },
        );
        await recordAuditBatch(em, auditAfter(startup.id));
      }
      return;
    }
    await applyFirstEntries(
      em,
      actor.id,
      startups.map((startup) => {
        const plan = planOf(startup);
        return {
          startupId: startup.id,
          structureId: startup.structureId,
          toStage: startup.toStage,
          moveKind: plan.kind,
          requiresFourEyes: plan.requiresFourEyes,
          targetStructureId: plan.targetStructureId,
          effects: plan.effects,
          auditAfter: auditAfter(startup.id),
        };
      }),
    );
  }

  /** The request half, for a startup already locked by the caller (bulk moves reuse it). */
  async requestLocked(
    em: EntityManager,
    actor: Actor,
    startup: LockedStartup,
    move: MoveRequest,
    batchId: string | null = null,
  ): Promise<string> {
    const plan = await this.plan(em, startup, move);
    // A structure new to the startup sees its dossier only once the founders agree.
    const awaitsConsent =
      startup.stage !== null &&
      (await this.repository.consentNeeded(em, startup.id, plan.targetStructureId));
    const transitionId = await this.repository
      .insertTransition(em, {
        startupId: startup.id,
        fromStage: startup.stage,
        toStage: move.toStage,
        programmeId: move.programmeId ?? null,
        cohortId: move.cohortId ?? null,
        reason: move.reason?.trim() || null,
        moveKind: plan.kind,
        requiresFourEyes: plan.requiresFourEyes,
        targetStructureId: plan.targetStructureId,
        requestedById: actor.id,
        batchId,
        awaitsConsent,
      })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION) {
          throw conflictProblem('A move of this startup is already waiting for a decision', [
            { path: 'startupId', message: 'PENDING_MOVE_EXISTS' },
          ]);
        }
        throw error;
      });
    await this.repository.timeline(em, startup.id, 'TRANSITION_REQUESTED', actor.id, transitionId, {
      fromStage: startup.stage,
      toStage: move.toStage,
      reason: move.reason ?? null,
      awaitsConsent,
    });
    await this.audit(em, AUDIT_ACTIONS.transitionRequested, actor, transitionId, startup.id, null, {
      status: awaitsConsent ? 'PENDING_CONSENT' : 'REQUESTED',
      consentStatus: awaitsConsent ? 'PENDING' : null,
      fromStage: startup.stage,
      toStage: move.toStage,
      programmeId: move.programmeId ?? null,
      cohortId: move.cohortId ?? null,
      reason: move.reason?.trim() || null,
      moveKind: plan.kind,
      requiresFourEyes: plan.requiresFourEyes,
      targetStructureId: plan.targetStructureId,
      batchId,
    });
    if (awaitsConsent) {
      await this.repository.notifyFoundersOfConsentRequest(em, transitionId);
      return transitionId;
    }
    await this.approveOnRequestIfAllowed(em, actor, startup, move, transitionId, plan, false);
    return transitionId;
  }

  /** Moves the requester may decide themselves, and that need no second person, go on at once. */
  private async approveOnRequestIfAllowed(
    em: EntityManager,
    requester: Actor,
    startup: LockedStartup,
    move: MoveRequest,
    transitionId: string,
    plan: Awaited<ReturnType<TransitionsService['plan']>>,
    afterConsent: boolean,
  ): Promise<void> {
    const requesterMayDecide = this.mayDecide(requester, plan.targetStructureId);
    if (!isApprovedOnRequest({ requiresFourEyes: plan.requiresFourEyes, requesterMayDecide })) {
      return;
    }
    await this.repository.recordDecision(em, transitionId, {
      status: 'APPROVED',
      deciderId: requester.id,
      note: null,
    });
    await this.audit(
      em,
      AUDIT_ACTIONS.transitionDecided,
      requester,
      transitionId,
      startup.id,
      { status: 'REQUESTED' },
      {
        status: 'APPROVED',
        decision: 'APPROVE',
        approvedOnRequest: true,
        note: null,
        ...(afterConsent ? { afterConsent: true } : {}),
      },
    );
    await this.execute(em, requester, startup, move, transitionId, plan);
  }

  /**
   * A founder's answer to a move waiting for their consent. GRANT: the move goes on exactly as a
   * request made now (REQUESTED, then approved at once when its requester may decide it and no
   * second person is needed, else waiting in the target structure's decision inbox). DECLINE:
   * the move ends there, final, and the target structure never sees the dossier through it.
   */
  async answerConsent(
    actor: Actor,
    transitionId: string,
    decision: ConsentDecision,
    note: string | null,
  ): Promise<TransitionView> {
    const trimmedNote = note?.trim() || null;
    await this.inTransaction(async (em) => {
      const transition = await this.repository.findVisible(em, actor, transitionId, true);
      if (!transition) throw notFoundProblem('Transition');
      if (!grantTargets(actor, 'founder', 'STARTUP').includes(transition.startup_id)) {
        throw forbiddenProblem(
          "Only a founder of the startup answers a request for the founders' consent",
        );
      }
      if (transition.status !== 'PENDING_CONSENT') {
        throw conflictProblem(
          `The move is ${transition.status}; only a move waiting for the founders' consent can be answered`,
        );
      }
      const granted = decision === 'GRANT';
      await this.repository.recordConsent(em, transitionId, {
        granted,
        founderId: actor.id,
        note: trimmedNote,
      });
      await this.repository.timeline(
        em,
        transition.startup_id,
        granted ? 'TRANSITION_CONSENT_GIVEN' : 'TRANSITION_CONSENT_DECLINED',
        actor.id,
        transitionId,
        { note: trimmedNote },
      );
      await this.audit(
        em,
        granted ? AUDIT_ACTIONS.transitionConsentGiven : AUDIT_ACTIONS.transitionConsentDeclined,
        actor,
        transitionId,
        transition.startup_id,
        { status: 'PENDING_CONSENT', consentStatus: 'PENDING' },
        {
          status: granted ? 'REQUESTED' : 'CONSENT_DECLINED',
          consentStatus: granted ? 'GRANTED' : 'DECLINED',
          note: trimmedNote,
        },
      );
      await this.repository.notifyRequesterOfConsent(em, transitionId, granted);
      if (granted) await this.continueAfterConsent(em, actor, transition);
    });
    return this.get(actor, transitionId);
  }

  /**
   * The request goes on with its requester's rights as they are now. When the move cannot be
   * approved at once (the guards no longer hold, the startup moved, the requester lost the
   * right), it stays REQUESTED: a decider sees it and decides, which checks everything again.
   */
  private async continueAfterConsent(
    em: EntityManager,
    founder: Actor,
    transition: Awaited<ReturnType<TransitionsRepository['findVisible']>> & object,
  ): Promise<void> {
    const requester = transition.requested_by_id
      ? await this.actors.actorFor(transition.requested_by_id)
      : null;
    if (!requester) return;
    const startup = await this.repository.lockVisibleStartup(em, founder, transition.startup_id);
    if (!startup || startup.stage !== transition.from_stage) return;
    const move: MoveRequest = {
      toStage: transition.to_stage,
      programmeId: transition.programme_id,
      cohortId: transition.cohort_id,
      reason: transition.reason,
    };
    let plan: Awaited<ReturnType<TransitionsService['plan']>>;
    try {
      plan = await this.plan(em, startup, move);
    } catch (error) {
      if (error instanceof ProblemException) return;
      throw error;
    }
    await this.approveOnRequestIfAllowed(em, requester, startup, move, transition.id, plan, true);
  }

  /** The founder's startups' moves waiting for their consent (`GET /me/consents`). */
  async pendingConsents(actor: Actor): Promise<ConsentRequestView[]> {
    return this.repository.pendingConsents(
      this.dataSource.manager,
      grantTargets(actor, 'founder', 'STARTUP'),
    );
  }

  async decide(
    actor: Actor,
    transitionId: string,
    decision: Decision,
    note: string | null,
  ): Promise<TransitionView> {
    await this.inTransaction(async (em) => {
      const transition = await this.repository.findVisible(em, actor, transitionId, true);
      if (!transition) throw notFoundProblem('Transition');
      if (transition.status !== 'REQUESTED') {
        throw conflictProblem(
          `The move is ${transition.status}; only a REQUESTED move can be decided`,
        );
      }
      const check = checkDecisionAllowed({
        deciderId: actor.id,
        requesterId: transition.requested_by_id ?? '',
        requiresFourEyes: transition.requires_four_eyes,
        deciderIsAdmin: isAdmin(actor),
        deciderManagesTargetStructure: this.mayDecide(actor, transition.target_structure_id),
      });
      if (!check.allowed) throw forbiddenProblem(check.message, check.rule);

      if (decision === 'REJECT') {
        await this.recordDecision(em, actor, transitionId, transition.startup_id, 'REJECTED', note);
        return;
      }
      const startup = await this.repository.lockVisibleStartup(em, actor, transition.startup_id);
      if (!startup) throw notFoundProblem('Startup');
      if (startup.stage !== transition.from_stage) {
        throw conflictProblem(
          `The startup moved to ${startup.stage} since this move was requested; request it again`,
        );
      }
      const move: MoveRequest = {
        toStage: transition.to_stage,
        programmeId: transition.programme_id,
        cohortId: transition.cohort_id,
        reason: transition.reason,
      };
      // Guards are checked again: the checklist or capacity may have changed since the request.
      const plan = await this.plan(em, startup, move);
      await this.recordDecision(em, actor, transitionId, startup.id, 'APPROVED', note);
      await this.execute(em, actor, startup, move, transitionId, plan);
    });
    return this.get(actor, transitionId);
  }

  async cancel(actor: Actor, transitionId: string): Promise<TransitionView> {
    await this.inTransaction(async (em) => {
      const transition = await this.repository.findVisible(em, actor, transitionId, true);
      if (!transition) throw notFoundProblem('Transition');
      if (transition.status !== 'REQUESTED' && transition.status !== 'PENDING_CONSENT') {
        throw conflictProblem(
          `The move is ${transition.status}; only a move waiting for a decision or for the founders' consent can be cancelled`,
        );
      }
      if (transition.requested_by_id !== actor.id && !isAdmin(actor)) {
        throw forbiddenProblem('Only the requester or an admin can cancel a requested move');
      }
      await this.repository.recordDecision(em, transitionId, {
        status: 'CANCELLED',
        deciderId: actor.id,
        note: null,
      });
      await this.repository.timeline(
        em,
        transition.startup_id,
        'TRANSITION_CANCELLED',
        actor.id,
        transitionId,
        {},
      );
      await this.audit(
        em,
        AUDIT_ACTIONS.transitionCancelled,
        actor,
        transitionId,
        transition.startup_id,
        { status: transition.status },
        { status: 'CANCELLED' },
      );
    });
    return this.get(actor, transitionId);
  }

  async get(actor: Actor, transitionId: string): Promise<TransitionView> {
    const em = this.dataSource.manager;
    const transition = await this.repository.findVisible(em, actor, transitionId);
    if (!transition) throw notFoundProblem('Transition');
    const steps = await this.repository.steps(em, transitionId);
    steps.sort((a, b) => WORKFLOW_STEPS.indexOf(a.name) - WORKFLOW_STEPS.indexOf(b.name));
    const view = this.repository.toView(transition, steps);
    // Funders never see founders' personal data: who answered, and what they wrote.
    if (view.consent && !isAdmin(actor) && hasRole(actor, 'funder')) {
      view.consent = { ...view.consent, decidedById: null, note: null };
    }
    return view;
  }

  /** The decision inbox: moves into structures the actor manages (all of them for admins). */
  async inbox(
    actor: Actor,
    filter: { status?: TransitionStatus; structureId?: string; limit: number },
  ): Promise<TransitionView[]> {
    const managed = isAdmin(actor) ? 'ALL' : managedStructureIds(actor);
    let structureIds: string[] | 'ALL' = managed;
    if (filter.structureId) {
      if (managed !== 'ALL' && !managed.includes(filter.structureId)) return [];
      structureIds = [filter.structureId];
    }
    return this.repository.list(this.dataSource.manager, {
      status: filter.status ?? 'REQUESTED',
      structureIds,
      limit: filter.limit,
    });
  }

  /** The decision itself, its timeline event and its audit entry: one story, told once. */
  private async recordDecision(
    em: EntityManager,
    actor: Actor,
    transitionId: string,
    startupId: string,
    status: 'APPROVED' | 'REJECTED',
    note: string | null,
  ): Promise<void> {
    const decision: Decision = status === 'APPROVED' ? 'APPROVE' : 'REJECT';
    await this.repository.recordDecision(em, transitionId, { status, deciderId: actor.id, note });
    await this.repository.timeline(em, startupId, 'TRANSITION_DECIDED', actor.id, transitionId, {
      decision,
      note,
    });
    await this.audit(
      em,
      AUDIT_ACTIONS.transitionDecided,
      actor,
      transitionId,
      startupId,
      { status: 'REQUESTED' },
      { status, decision, note },
    );
  }

  private async plan(em: EntityManager, startup: LockedStartup, move: MoveRequest) {
    const programme = move.programmeId
      ? await this.repository.programmeFacts(em, move.programmeId)
      : null;
    if (move.programmeId && !programme) {
      throw validationProblem([{ path: 'programmeId', message: 'unknown programme' }]);
    }
    const cohort = move.cohortId ? await this.repository.cohortFacts(em, move.cohortId) : null;
    if (move.cohortId && !cohort) {
      throw validationProblem([{ path: 'cohortId', message: 'unknown cohort' }]);
    }
    if (cohort && (!programme || cohort.programmeId !== programme.id)) {
      throw validationProblem([
        { path: 'cohortId', message: 'the cohort does not belong to programmeId' },
      ]);
    }
    const evaluation = evaluateStageMove({
      from: startup.stage,
      to: move.toStage,
      reason: move.reason,
      startupStatus: startup.status,
      currentStageChecklist: await this.repository.currentChecklist(em, startup.id),
      targetProgramme: programme,
      targetCohort: cohort,
      hasActiveHostingAgreement: programme?.requiresHostingAgreement
        ? await this.repository.hasActiveHostingAgreement(em, startup.id)
        : false,
    });
    if (!evaluation.ok && evaluation.rejection === 'STAGE_RULE') {
      throw moveNotAllowedProblem(evaluation.rule, evaluation.message);
    }
    if (!evaluation.ok) {
      throw guardsUnmetProblem(
        evaluation.unmet.map((unmet) => ({
          path: unmet.path,
          message: `${unmet.code}: ${unmet.message}`,
        })),
      );
    }
    return {
      ...evaluation,
      // A move into a programme is decided by its structure; other moves by the current one.
      targetStructureId: programme?.structureId ?? startup.currentStructureId,
    };
  }

  private async execute(
    em: EntityManager,
    actor: Actor,
    startup: LockedStartup,
    move: MoveRequest,
    transitionId: string,
    plan: Awaited<ReturnType<TransitionsService['plan']>>,
  ): Promise<void> {
    await applyStageChange(em, {
      transitionId,
      startupId: startup.id,
      expectedVersion: startup.version,
      fromStage: startup.stage,
      toStage: move.toStage,
      structureId: isPipelineStage(move.toStage) ? plan.targetStructureId : null,
      programmeId: move.programmeId ?? null,
      cohortId: move.cohortId ?? null,
      effects: plan.effects,
      actorId: actor.id,
      effectiveAt: new Date(),
    });
  }

  private mayDecide(actor: Actor, targetStructureId: string | null): boolean {
    return (
      isAdmin(actor) ||
      (targetStructureId !== null && managedStructureIds(actor).includes(targetStructureId))
    );
  }

  /** In the move's transaction, after its row locks (startup, transition) were taken. */
  private async audit(
    em: EntityManager,
    action: string,
    actor: Actor,
    transitionId: string,
    startupId: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
  ): Promise<void> {
    await recordAudit(em, {
      action,
      entityType: AUDIT_ENTITY_TYPES.transition,
      entityId: transitionId,
      startupId,
      actorId: actor.id,
      before,
      after,
    });
  }

  private inTransaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

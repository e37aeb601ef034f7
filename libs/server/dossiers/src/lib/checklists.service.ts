import { returnedRows } from '@parcours/server-db';
import { Injectable } from '@nestjs/common';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  type ChecklistStatus,
  type Stage,
} from '@parcours/contracts';
import { recordAudit } from '@parcours/server-audit';
import {
  conflictProblem,
  forbiddenProblem,
  notFoundProblem,
  staleVersionProblem,
  validationProblem,
} from '@parcours/server-http';
import {
  hasRole,
  isAdmin,
  managedStructureIds,
  startupVisibility,
  type Actor,
} from '@parcours/server-identity';
import { DataSource, type EntityManager } from 'typeorm';

export interface ChecklistItemView {
  id: string;
  startupId: string;
  stage: Stage;
  key: string;
  title: string;
  required: boolean;
  status: ChecklistStatus;
  note: string | null;
  waiverReason: string | null;
  validatedById: string | null;
  documentId: string | null;
  current: boolean;
  version: number;
  updatedAt: string;
}

export interface ChecklistChange {
  status: ChecklistStatus;
  note?: string | null;
  documentId?: string | null;
}

interface ItemRow {
  id: string;
  startup_id: string;
  stage: Stage;
  key: string;
  title: string;
  required: boolean;
  status: ChecklistStatus;
  note: string | null;
  waiver_reason: string | null;
  validated_by_id: string | null;
  document_id: string | null;
  current: boolean;
  version: number;
  updated_at: Date;
}

const toView = (row: ItemRow): ChecklistItemView => ({
  id: row.id,
  startupId: row.startup_id,
  stage: row.stage,
  key: row.key,
  title: row.title,
  required: row.required,
  status: row.status,
  note: row.note,
  waiverReason: row.waiver_reason,
  validatedById: row.validated_by_id,
  documentId: row.document_id,
  current: row.current,
  version: row.version,
  updatedAt: new Date(row.updated_at).toISOString(),
});

/** Who may set which status: founders submit, managers validate, waive or reopen. */
export function checklistStatusAllowed(
  role: 'founder' | 'manager',
  from: ChecklistStatus,
  to: ChecklistStatus,
): boolean {
  if (role === 'manager') return true;
  return to === 'SUBMITTED' && (from === 'OPEN' || from === 'SUBMITTED');
}

/**
 * The checklist of a startup's stays. Founders mark items SUBMITTED (optionally with a
 * document); managers of the structure following the startup (and admins) mark them DONE, or
 * WAIVED with a reason, or reopen them. Items of stays already left are history: read-only.
 */
@Injectable()
export class ChecklistsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    actor: Actor,
    startupId: string,
    all: boolean,
  ): Promise<{ items: ChecklistItemView[] }> {
    await this.assertVisible(this.dataSource.manager, actor, startupId);
    const rows: ItemRow[] = await this.dataSource.query(
      `SELECT c.*, st.left_at IS NULL AS current
         FROM checklist_item c JOIN stage_stay st ON st.id = c.stay_id
        WHERE c.startup_id = $1 AND ($2::boolean OR st.left_at IS NULL)
        ORDER BY st.entered_at DESC, c.required DESC, c.key`,
      [startupId, all],
    );
    return { items: rows.map(toView) };
  }

  async update(
    actor: Actor,
    itemId: string,
    change: ChecklistChange,
    ifMatch: number | null,
  ): Promise<ChecklistItemView> {
    return this.dataSource.transaction(async (em) => {
      const rows: (ItemRow & { current_structure_id: string | null })[] = await em.query(
        `SELECT c.*, st.left_at IS NULL AS current, s.current_structure_id
           FROM checklist_item c JOIN stage_stay st ON st.id = c.stay_id JOIN startup s ON s.id = c.startup_id
          WHERE c.id = $1 FOR UPDATE OF c`,
        [itemId],
      );
      const item = rows[0];
      if (!item) throw notFoundProblem('Checklist item');
      await this.assertVisible(em, actor, item.startup_id, 'Checklist item');
      const role = this.roleOn(actor, item.startup_id, item.current_structure_id);
      if (!role)
        throw forbiddenProblem(
          'Only the startup’s founders and its managers can change its checklist',
        );
      if (!checklistStatusAllowed(role, item.status, change.status)) {
        throw forbiddenProblem(`Founders mark items SUBMITTED; ${change.status} is for managers`);
      }
      if (!item.current)
        throw conflictProblem('This item belongs to a stage the startup has left; it is read-only');
      if (ifMatch !== null && ifMatch !== item.version) throw staleVersionProblem(item.version);
      const note = change.note?.trim() || null;
      if (change.status === 'WAIVED' && !note) {
        throw validationProblem([{ path: 'note', message: 'a waiver needs its reason' }]);
      }
      if (change.documentId) {
        const linked: unknown[] = await em.query(
          `SELECT 1 FROM document WHERE id = $1 AND startup_id = $2`,
          [change.documentId, item.startup_id],
        );
        if (linked.length === 0) {
          throw validationProblem([
            { path: 'documentId', message: 'not a document of this startup' },
          ]);
        }
      }
      const validated = change.status === 'DONE' || change.status === 'WAIVED';
      const updated = returnedRows<ItemRow>(
        await em.query(
          `UPDATE checklist_item
            SET status = $2, note = COALESCE($3, note), waiver_reason = $4,
                validated_by_id = $5, document_id = COALESCE($6, document_id),
                version = version + 1, updated_at = now()
          WHERE id = $1
          RETURNING *, true AS current`,
          [
            itemId,
            change.status,
            note,
            change.status === 'WAIVED' ? note : null,
            validated ? actor.id : null,
            change.documentId ?? null,
          ],
        ),
      );
      await recordAudit(em, {
        action: AUDIT_ACTIONS.checklistItemUpdated,
        entityType: AUDIT_ENTITY_TYPES.checklistItem,
        entityId: itemId,
        startupId: item.startup_id,
        actorId: actor.id,
        before: { status: item.status, note: item.note, documentId: item.document_id },
        after: { status: change.status, note, documentId: change.documentId ?? item.document_id },
      });
      await em.query(
        `INSERT INTO timeline_event (startup_id, occurred_at, kind, actor_id, payload)
         VALUES ($1, now(), 'CHECKLIST_ITEM_UPDATED', $2, $3)`,
        [
          item.startup_id,
          actor.id,
          { itemId, key: item.key, from: item.status, to: change.status },
        ],
      );
      return toView(updated[0]);
    });
  }

  private roleOn(
    actor: Actor,
    startupId: string,
    structureId: string | null,
  ): 'founder' | 'manager' | null {
    if (isAdmin(actor)) return 'manager';
    if (
      hasRole(actor, 'manager') &&
      structureId &&
      managedStructureIds(actor).includes(structureId)
    )
      return 'manager';
    if (
      actor.grants.some(
        (g) => g.role === 'founder' && g.scope === 'STARTUP' && g.scopeId === startupId,
      )
    ) {
      return 'founder';
    }
    return null;
  }

  private async assertVisible(
    em: EntityManager,
    actor: Actor,
    startupId: string,
    what = 'Startup',
  ): Promise<void> {
    const visibility = startupVisibility(actor, 's');
    const row = await em
      .createQueryBuilder()
      .select('s.id')
      .from('startup', 's')
      .where('s.id = :startupId', { startupId })
      .andWhere(visibility.sql, visibility.params)
      .getRawOne();
    if (!row) throw notFoundProblem(what);
  }
}

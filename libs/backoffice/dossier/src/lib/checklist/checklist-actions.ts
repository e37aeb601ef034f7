import type { ChecklistItem } from '@parcours/backoffice-data-access';
import type { ChecklistStatus } from '@parcours/contracts';
import type { DossierAccess } from '../dossier-access';

export type ChecklistAction = 'submit' | 'validate' | 'waive' | 'reopen';

export const TARGET_STATUS: Readonly<Record<ChecklistAction, ChecklistStatus>> = {
  submit: 'SUBMITTED',
  validate: 'DONE',
  waive: 'WAIVED',
  reopen: 'OPEN',
};

/**
 * The buttons an item offers, by role and status (as the API allows them): founders submit what
 * is still open; managers validate or waive what is not settled yet and reopen what is.
 * Items of stages already left are history.
 */
export function checklistActions(
  item: Pick<ChecklistItem, 'status' | 'current'>,
  access: Pick<DossierAccess, 'manages' | 'founds'>,
): ChecklistAction[] {
  if (!item.current) return [];
  if (access.manages) {
    if (item.status === 'DONE' || item.status === 'WAIVED') return ['reopen'];
    return ['validate', 'waive'];
  }
  if (access.founds && item.status === 'OPEN') return ['submit'];
  return [];
}

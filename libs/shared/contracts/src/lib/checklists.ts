/**
 * Lifecycle of a checklist item: a founder ticks it (SUBMITTED), a manager validates it (DONE)
 * or waives it with a reason (WAIVED). Only DONE and WAIVED satisfy a required item.
 */
export const CHECKLIST_STATUSES = ['OPEN', 'SUBMITTED', 'DONE', 'WAIVED'] as const;
export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number];

/** Statuses that let a required item stop blocking a move out of its stage. */
export const CHECKLIST_SATISFIED_STATUSES: readonly ChecklistStatus[] = ['DONE', 'WAIVED'];

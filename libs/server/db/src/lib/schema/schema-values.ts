import { GRANT_SCOPES, type GrantScope } from '@parcours/contracts';

/*
 * Value lists owned by the persistence layer: they are not (yet) part of the API contract.
 * Move them to @parcours/contracts when an API answer starts exposing them.
 */

export const TRANSITION_BATCH_STATUSES = ['QUEUED', 'RUNNING', 'DONE'] as const;
export type TransitionBatchStatus = (typeof TRANSITION_BATCH_STATUSES)[number];

export const TRANSITION_BATCH_ITEM_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;
export type TransitionBatchItemStatus = (typeof TRANSITION_BATCH_ITEM_STATUSES)[number];

export const REMINDER_STATUSES = ['SCHEDULED', 'CANCELLED', 'FIRED'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/**
 * The role_grant column that names the target of each scope. A `Record` so that a scope added
 * to the contract does not compile until someone decides where its target is stored.
 */
export const GRANT_SCOPE_TARGET_COLUMN: Record<GrantScope, string | null> = {
  GLOBAL: null,
  TERRITORY: 'territory_code',
  STRUCTURE: 'structure_id',
  STARTUP: 'startup_id',
};

const GRANT_TARGET_COLUMNS = ['territory_code', 'structure_id', 'startup_id'] as const;

/** CHECK body: exactly the target column of the grant's scope is set, every other one is null. */
export function grantScopeTargetCheck(scopes: readonly GrantScope[] = GRANT_SCOPES): string {
  return scopes
    .map((scope) => {
      const target = GRANT_SCOPE_TARGET_COLUMN[scope];
      const columns = GRANT_TARGET_COLUMNS.map(
        (column) => `"${column}" IS ${column === target ? 'NOT NULL' : 'NULL'}`,
      );
      return `("scope" = '${scope}' AND ${columns.join(' AND ')})`;
    })
    .join(' OR ');
}

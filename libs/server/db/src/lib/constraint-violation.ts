/**
 * Turns a PostgreSQL integrity error into something a service can branch on, e.g. to answer
 * 409 when `uq_transition_one_requested_per_startup` refuses a second pending move.
 */

/** Constraints that services are expected to catch and translate; named once, here. */
export const CONSTRAINTS = {
  oneOpenStayPerStartup: 'uq_stage_stay_one_open_per_startup',
  oneRequestedTransitionPerStartup: 'uq_transition_one_requested_per_startup',
  startupSiren: 'uq_startup_siren',
  userEmail: 'uq_app_user_email_lower',
  roleGrantTarget: 'uq_role_grant_user_role_scope_target',
  structureName: 'uq_structure_name',
  programmeName: 'uq_programme_structure_id_name',
  cohortName: 'uq_cohort_programme_id_name',
  checklistItemKey: 'uq_checklist_item_stay_id_key',
  enrolmentTransition: 'uq_enrolment_transition_id',
  reminderJobId: 'uq_scheduled_reminder_job_id',
  notificationDedupeKey: 'uq_notification_user_id_dedupe_key',
} as const;

export type ConstraintViolationKind = 'unique' | 'check' | 'foreign-key' | 'not-null';

export interface ConstraintViolation {
  kind: ConstraintViolationKind;
  /** Null when PostgreSQL does not name one (NOT NULL violations name a column instead). */
  constraint: string | null;
  table: string | null;
  column: string | null;
}

// SQLSTATE class 23, integrity constraint violation.
const KIND_BY_SQLSTATE: Record<string, ConstraintViolationKind> = {
  '23505': 'unique',
  '23514': 'check',
  '23503': 'foreign-key',
  '23502': 'not-null',
};

function stringProperty(value: object, key: string): string | null {
  const property: unknown = (value as Record<string, unknown>)[key];
  return typeof property === 'string' ? property : null;
}

/**
 * The violation carried by an error thrown by TypeORM (QueryFailedError copies the pg error's
 * fields onto itself) or by pg directly; null for any other error.
 */
export function constraintViolationOf(error: unknown): ConstraintViolation | null {
  if (typeof error !== 'object' || error === null) {
    return null;
  }
  const code = stringProperty(error, 'code');
  const kind = code === null ? undefined : KIND_BY_SQLSTATE[code];
  if (kind === undefined) {
    return null;
  }
  return {
    kind,
    constraint: stringProperty(error, 'constraint'),
    table: stringProperty(error, 'table'),
    column: stringProperty(error, 'column'),
  };
}

/** True when `error` is a violation of the named constraint. */
export function violatesConstraint(error: unknown, constraint: string): boolean {
  return constraintViolationOf(error)?.constraint === constraint;
}

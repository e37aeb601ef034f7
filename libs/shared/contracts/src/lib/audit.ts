/**
 * The audit trail (SPEC §2 "Audit trail", §3 `GET /audit`, `GET /audit/verify`).
 *
 * Actions are `<subject>.<verb>` in lower case; the list below names those recorded today and
 * those reserved for user-right changes. The column is open: a feature adds its own action here.
 */
export const AUDIT_ACTIONS = {
  startupCreated: 'startup.created',
  startupUpdated: 'startup.updated',
  transitionRequested: 'transition.requested',
  transitionDecided: 'transition.decided',
  transitionCancelled: 'transition.cancelled',
  transitionConsentGiven: 'transition.consent.granted',
  transitionConsentDeclined: 'transition.consent.declined',
  stageChanged: 'stage.changed',
  structureCreated: 'structure.created',
  structureUpdated: 'structure.updated',
  programmeCreated: 'programme.created',
  programmeUpdated: 'programme.updated',
  cohortCreated: 'cohort.created',
  checklistItemUpdated: 'checklist_item.updated',
  documentUploaded: 'document.uploaded',
  mentoringSessionCreated: 'mentoring_session.created',
  actionItemCreated: 'action_item.created',
  actionItemUpdated: 'action_item.updated',
  kpiReportSubmitted: 'kpi_report.submitted',
  kpiReportAmended: 'kpi_report.amended',
  loginSucceeded: 'auth.login.succeeded',
  loginFailed: 'auth.login.failed',
  accessRefused: 'access.refused',
  userCreated: 'user.created',
  userUpdated: 'user.updated',
  userDisabled: 'user.disabled',
  userEnabled: 'user.enabled',
  userRoleGranted: 'user.role.granted',
  userRoleRevoked: 'user.role.revoked',
  userMfaEnrolled: 'user.mfa.enrolled',
  applicationSubmitted: 'application.submitted',
  applicationReviewed: 'application.reviewed',
  applicationDecided: 'application.decided',
  hostingUnitCreated: 'hosting_unit.created',
  hostingAgreementCreated: 'hosting_agreement.created',
  hostingAgreementUpdated: 'hosting_agreement.updated',
} as const;
export type KnownAuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];

/** What an entry is about (`entityType`); open like the actions. */
export const AUDIT_ENTITY_TYPES = {
  startup: 'startup',
  transition: 'transition',
  structure: 'structure',
  programme: 'programme',
  cohort: 'cohort',
  checklistItem: 'checklist_item',
  document: 'document',
  mentoringSession: 'mentoring_session',
  actionItem: 'action_item',
  kpiReport: 'kpi_report',
  user: 'user',
  roleGrant: 'role_grant',
  application: 'application',
  hostingUnit: 'hosting_unit',
  hostingAgreement: 'hosting_agreement',
  /** A refused request: the entity id is the request path. */
  route: 'route',
} as const;

/** One entry of `GET /audit`. */
export interface AuditEntryView {
  /** Position in the chain (a bigint, as a string). */
  id: string;
  occurredAt: string;
  /** Null for the system or an anonymous caller. */
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  startupId: string | null;
  before: unknown;
  after: unknown;
  /** True when before/after were withheld from this reader (personal data shown to funders). */
  redacted: boolean;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

/** `GET /audit/verify`. */
export interface AuditVerification {
  valid: boolean;
  /** Entries read. */
  entries: number;
  /** Hash of the last entry (the genesis value for an empty trail): publish it to detect a cut tail. */
  head: string;
  /** Id of the last entry; null for an empty trail. */
  headId: string | null;
  /** The first entry that does not verify, when `valid` is false. */
  firstInvalid?: { id: string; reason: string };
}

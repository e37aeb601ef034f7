/** Languages a person reads notifications and e-mails in (`app_user.locale`). */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * What a notification is about. Rows store the kind and a title key; the text is rendered in
 * the reader's language when read or e-mailed, from templates keyed by kind.
 */
export const NOTIFICATION_KINDS = {
  stageChanged: 'STAGE_CHANGED',
  stageReviewDue: 'STAGE_REVIEW_DUE',
  decisionRequested: 'DECISION_REQUESTED',
  timeInStageExceeded: 'TIME_IN_STAGE_EXCEEDED',
  weeklyFunderDigest: 'WEEKLY_FUNDER_DIGEST',
  /** To an action item's owner (or the mentor who set it): its due date has passed. */
  actionItemOverdue: 'ACTION_ITEM_OVERDUE',
  /** To a startup's founders: last quarter's KPI report is still missing. */
  kpiReportMissing: 'KPI_REPORT_MISSING',
  /** To the founders: a move would show their dossier to a new structure; their answer is asked. */
  consentRequested: 'CONSENT_REQUESTED',
  /** To the requester: the founders agreed, the move goes on. */
  consentGranted: 'CONSENT_GRANTED',
  /** To the requester: the founders declined, the move ends there. */
  consentDeclined: 'CONSENT_DECLINED',
} as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[keyof typeof NOTIFICATION_KINDS];

/** What became of a notification's one e-mail (`notification.delivery_outcome`). */
export const EMAIL_DELIVERY_OUTCOMES = ['SENT', 'FAILED'] as const;
export type EmailDeliveryOutcome = (typeof EMAIL_DELIVERY_OUTCOMES)[number];

/** `GET /me/notifications` item, rendered in the reader's language. */
export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  payload: Record<string, unknown>;
  transitionId: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage {
  items: NotificationView[];
  nextCursor: string | null;
}

/** Job data of a scheduled run; `now` (ISO 8601) lets tests and operators drive time. */
export interface ScheduledRunPayload {
  now?: string;
}

export interface NotificationEmailPayload {
  notificationId: string;
}

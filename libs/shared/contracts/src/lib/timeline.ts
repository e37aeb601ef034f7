/**
 * Every kind of event the API writes to a startup's timeline (`GET /startups/:id/timeline`).
 * The back-office gives each one a sentence in every language; a kind added here without its
 * sentence fails the back-office's tests instead of showing a raw code to people.
 */
export const TIMELINE_EVENT_KINDS = [
  'TRANSITION_REQUESTED',
  'TRANSITION_DECIDED',
  'TRANSITION_CANCELLED',
  'TRANSITION_CONSENT_GIVEN',
  'TRANSITION_CONSENT_DECLINED',
  'STAGE_LEFT',
  'STAGE_ENTERED',
  'CHECKLIST_ITEM_UPDATED',
  'DOCUMENT_UPLOADED',
  'MENTORING_SESSION_LOGGED',
  'KPI_REPORT_SUBMITTED',
  'KPI_REPORT_AMENDED',
  'APPLICATION_SUBMITTED',
  'APPLICATION_REVIEWED',
  'APPLICATION_DECIDED',
  'HOSTING_AGREEMENT_SIGNED',
  'HOSTING_AGREEMENT_UPDATED',
] as const;
export type TimelineEventKind = (typeof TIMELINE_EVENT_KINDS)[number];

export function isTimelineEventKind(value: string): value is TimelineEventKind {
  return (TIMELINE_EVENT_KINDS as readonly string[]).includes(value);
}

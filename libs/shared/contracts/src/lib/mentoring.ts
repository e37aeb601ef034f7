import type { DomainCode, TerritoryCode } from './reference-data';
import type { Stage } from './stages';

/**
 * Mentoring (SPEC §2 "mentoring session", "action item"; GLOSSARY: séance de mentorat, action à
 * mener). A session is logged by the mentor who held it; `notes` are read by everyone who may
 * read the session (founders only when it is shared with them), `privateNotes` only by the
 * startup's mentors, its managers and admins — never by founders or funders.
 */
export const SESSION_FORMATS = ['IN_PERSON', 'VIDEO', 'PHONE'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];

export const ACTION_ITEM_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
/** Statuses of an action item still to be done (overdue once past its due date). */
export const OPEN_ACTION_ITEM_STATUSES: readonly ActionItemStatus[] = ['OPEN', 'IN_PROGRESS'];

export interface ActionItemView {
  id: string;
  sessionId: string;
  startupId: string;
  title: string;
  /** A founder or mentor of the startup; null when nobody in particular. */
  ownerId: string | null;
  ownerName: string | null;
  /** ISO date (YYYY-MM-DD); null without a due date. */
  dueOn: string | null;
  status: ActionItemStatus;
  /** Open and past its due date (Europe/Paris calendar day). */
  overdue: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** `GET /me/action-items` item: the action item and the startup it is about. */
export interface MyActionItemView extends ActionItemView {
  startupName: string;
  sessionHeldAt: string;
}

export interface MentoringSessionView {
  id: string;
  startupId: string;
  /** Who held and logged the session. */
  mentorId: string;
  mentorName: string;
  heldAt: string;
  durationMinutes: number;
  format: SessionFormat;
  topics: string[];
  notes: string | null;
  /**
   * Present only for the startup's mentors, managers and admins (absent — not null — for
   * anyone else, so that a client cannot mistake "hidden" for "empty").
   */
  privateNotes?: string | null;
  sharedWithFounders: boolean;
  actionItems: ActionItemView[];
  createdAt: string;
}

/** `POST /startups/:id/sessions` body. */
export interface CreateSessionRequest {
  heldAt: string;
  durationMinutes: number;
  format: SessionFormat;
  topics?: string[];
  notes?: string | null;
  privateNotes?: string | null;
  sharedWithFounders?: boolean;
  actionItems?: { title: string; ownerId?: string | null; dueOn?: string | null }[];
}

/** `PATCH /action-items/:id` body (founders may send `status` only). */
export interface UpdateActionItemRequest {
  status?: ActionItemStatus;
  title?: string;
  ownerId?: string | null;
  dueOn?: string | null;
}

/** `GET /me/mentees` item: a startup the caller mentors, with where its follow-up stands. */
export interface MenteeView {
  startupId: string;
  name: string;
  stage: Stage;
  territory: TerritoryCode;
  domain: DomainCode;
  lastSessionAt: string | null;
  sessions: number;
  openActionItems: number;
  overdueActionItems: number;
  /** The earliest due date among open action items. */
  nextDueOn: string | null;
}

/**
 * Quarterly KPI reports (GLOSSARY: indicateurs trimestriels): one per startup and quarter,
 * submitted by founders (or managers), amended with `PUT`.
 */
export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

export interface TradeShowAttendance {
  /** E.g. CES, MWC, Hannover Messe. */
  event: string;
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  /** ISO date (first day attended). */
  date: string;
}

export interface KpiReportFigures {
  /** `2026-Q3`. */
  quarter: string;
  headcount: number;
  jobsCreated: number;
  /** Whole euros over the quarter. */
  revenueEur: number;
  fundsRaisedEur: number;
  customers: number;
  /** ISO 3166-1 alpha-2 codes of the countries the startup sold to in the quarter. */
  exportCountries: string[];
  tradeShows: TradeShowAttendance[];
}

/** `POST /startups/:id/kpi-reports` and `PUT /kpi-reports/:id` body. */
export type KpiReportRequest = KpiReportFigures;

export interface KpiReportView extends KpiReportFigures {
  id: string;
  startupId: string;
  /** First day of the quarter (ISO date). */
  quarterStartsOn: string;
  submittedById: string | null;
  submittedAt: string;
  updatedById: string | null;
  updatedAt: string;
  version: number;
}

/** First day of a quarter `YYYY-Qn` (UTC), or null when it is not one. */
export function quarterStart(quarter: string): Date | null {
  const match = QUARTER_PATTERN.exec(quarter);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), (Number(match[2]) - 1) * 3, 1));
}

/** The quarter holding an instant (UTC), as `YYYY-Qn`. */
export function quarterOf(instant: Date): string {
  return `${instant.getUTCFullYear()}-Q${Math.floor(instant.getUTCMonth() / 3) + 1}`;
}

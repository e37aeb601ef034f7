import { quarterOf, type KpiReportRequest, type KpiReportView } from '@parcours/contracts';

/** The last quarter that has ended: the one whose report is expected now. */
export function dueQuarter(now: Date): string {
  const startOfQuarter = Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1);
  return quarterOf(new Date(startOfQuarter - 1));
}

/** The quarters a report may be written for: the current one and the four before it, newest first. */
export function quarterChoices(now: Date): string[] {
  const choices: string[] = [];
  let year = now.getUTCFullYear();
  let quarter = Math.floor(now.getUTCMonth() / 3) + 1;
  for (let i = 0; i < 5; i++) {
    choices.push(`${year}-Q${quarter}`);
    quarter -= 1;
    if (quarter === 0) {
      quarter = 4;
      year -= 1;
    }
  }
  return choices;
}

/** Oldest first, as charts read from left to right. */
export function chronological(reports: readonly KpiReportView[]): KpiReportView[] {
  return [...reports].sort((a, b) => a.quarterStartsOn.localeCompare(b.quarterStartsOn));
}

export interface TradeShowDraft {
  key: number;
  event: string;
  country: string;
  date: string;
}

/** The KPI form as typed: strings from the inputs. */
export interface KpiDraft {
  quarter: string;
  headcount: string;
  jobsCreated: string;
  revenueEur: string;
  fundsRaisedEur: string;
  customers: string;
  exportCountries: string;
  tradeShows: TradeShowDraft[];
}

export const KPI_NUMBER_FIELDS = [
  'headcount',
  'jobsCreated',
  'revenueEur',
  'fundsRaisedEur',
  'customers',
] as const;
export type KpiNumberField = (typeof KPI_NUMBER_FIELDS)[number];

export function blankKpiDraft(quarter: string, previous?: KpiReportView): KpiDraft {
  return {
    quarter,
    // The headcount carries over from one quarter to the next; flows start at zero.
    headcount: previous ? String(previous.headcount) : '',
    jobsCreated: '',
    revenueEur: '',
    fundsRaisedEur: '',
    customers: previous ? String(previous.customers) : '',
    exportCountries: previous ? previous.exportCountries.join(', ') : '',
    tradeShows: [],
  };
}

export function draftOfReport(report: KpiReportView): KpiDraft {
  return {
    quarter: report.quarter,
    headcount: String(report.headcount),
    jobsCreated: String(report.jobsCreated),
    revenueEur: String(report.revenueEur),
    fundsRaisedEur: String(report.fundsRaisedEur),
    customers: String(report.customers),
    exportCountries: report.exportCountries.join(', '),
    tradeShows: report.tradeShows.map((show, index) => ({ key: index + 1, ...show })),
  };
}

/** Whole non-negative numbers; spaces (as in "12 500") are allowed. */
function wholeNumber(value: string): number | null {
  const compact = value.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d+$/.test(compact)) return null;
  return Number(compact);
}

export interface KpiDraftResult {
  request: KpiReportRequest | null;
  /** Paths of the fields to correct, as the API names them. */
  invalid: string[];
}

export function kpiRequest(draft: KpiDraft): KpiDraftResult {
  const invalid: string[] = [];
  const numbers = {} as Record<KpiNumberField, number>;
  for (const field of KPI_NUMBER_FIELDS) {
    const value = wholeNumber(draft[field]);
    if (value === null) invalid.push(field);
    else numbers[field] = value;
  }
  const exportCountries = [
    ...new Set(
      draft.exportCountries
        .split(/[,;\s]+/)
        .map((code) => code.trim().toUpperCase())
        .filter((code) => code !== ''),
    ),
  ];
  if (exportCountries.some((code) => !/^[A-Z]{2}$/.test(code))) invalid.push('exportCountries');
  draft.tradeShows.forEach((show, index) => {
    if (show.event.trim() === '') invalid.push(`tradeShows.${index}.event`);
    if (!/^[A-Za-z]{2}$/.test(show.country.trim())) invalid.push(`tradeShows.${index}.country`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(show.date)) invalid.push(`tradeShows.${index}.date`);
  });
  if (invalid.length > 0) return { request: null, invalid };
  return {
    invalid,
    request: {
      quarter: draft.quarter,
      ...numbers,
      exportCountries,
      tradeShows: draft.tradeShows.map((show) => ({
        event: show.event.trim(),
        country: show.country.trim().toUpperCase(),
        date: show.date,
      })),
    },
  };
}

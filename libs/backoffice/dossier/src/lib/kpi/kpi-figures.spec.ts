import type { KpiReportView } from '@parcours/contracts';
import { blankKpiDraft, dueQuarter, kpiRequest, quarterChoices } from './kpi-figures';

describe('KPI quarters', () => {
  it('expects the report of the quarter that ended last', () => {
    expect(dueQuarter(new Date('2026-11-26T12:00:00Z'))).toBe('2026-Q3');
    expect(dueQuarter(new Date('2026-01-15T12:00:00Z'))).toBe('2025-Q4');
    expect(dueQuarter(new Date('2026-04-01T00:00:00Z'))).toBe('2026-Q1');
  });

  it('offers the current quarter and the four before it', () => {
    expect(quarterChoices(new Date('2026-02-10T00:00:00Z'))).toEqual([
      '2026-Q1',
      '2025-Q4',
      '2025-Q3',
      '2025-Q2',
      '2025-Q1',
    ]);
  });
});

describe('kpiRequest', () => {
  it('turns the typed figures into the report, codes upper-cased and deduplicated', () => {
    const draft = {
      ...blankKpiDraft('2026-Q3'),
      headcount: '12',
      jobsCreated: '3',
      revenueEur: '125 000',
      fundsRaisedEur: '0',
      customers: '40',
      exportCountries: 'be, DE; be',
      tradeShows: [{ key: 1, event: ' CES ', country: 'us', date: '2026-01-07' }],
    };
    expect(kpiRequest(draft)).toEqual({
      invalid: [],
      request: {
        quarter: '2026-Q3',
        headcount: 12,
        jobsCreated: 3,
        revenueEur: 125000,
        fundsRaisedEur: 0,
        customers: 40,
        exportCountries: ['BE', 'DE'],
        tradeShows: [{ event: 'CES', country: 'US', date: '2026-01-07' }],
      },
    });
  });

  it('names every field to correct', () => {
    const draft = {
      ...blankKpiDraft('2026-Q3'),
      headcount: '-1',
      jobsCreated: '2.5',
      revenueEur: '',
      fundsRaisedEur: '0',
      customers: '1',
      exportCountries: 'France',
      tradeShows: [{ key: 1, event: '', country: 'USA', date: '' }],
    };
    expect(kpiRequest(draft)).toEqual({
      request: null,
      invalid: [
        'headcount',
        'jobsCreated',
        'revenueEur',
        'exportCountries',
        'tradeShows.0.event',
        'tradeShows.0.country',
        'tradeShows.0.date',
      ],
    });
  });

  it('carries the headcount, customers and markets over from the previous report', () => {
    const previous = { headcount: 9, customers: 30, exportCountries: ['BE'] } as KpiReportView;
    expect(blankKpiDraft('2026-Q3', previous)).toMatchObject({
      headcount: '9',
      customers: '30',
      exportCountries: 'BE',
      jobsCreated: '',
    });
  });
});

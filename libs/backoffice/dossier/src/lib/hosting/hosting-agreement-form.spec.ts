import { agreementRequest, blankAgreementDraft, endChange } from './hosting-agreement-form';

const draft = (changes: Partial<ReturnType<typeof blankAgreementDraft>> = {}) => ({
  ...blankAgreementDraft('place-1', '2026-11-26'),
  unitId: 'unit-1',
  ...changes,
});

describe('hosting agreement form', () => {
  it('sends an open-ended agreement without a last day, and no rent as zero', () => {
    expect(agreementRequest(draft())).toEqual({
      request: { unitId: 'unit-1', startsOn: '2026-11-26', seats: 1, monthlyRentEur: 0 },
      invalid: [],
    });
  });

  it('reads a rent written the French way and keeps the last day', () => {
    expect(
      agreementRequest(draft({ endsOn: '2027-06-30', seats: ' 2 ', monthlyRentEur: '1 320,50' }))
        .request,
    ).toEqual({
      unitId: 'unit-1',
      startsOn: '2026-11-26',
      endsOn: '2027-06-30',
      seats: 2,
      monthlyRentEur: 1320.5,
    });
  });

  it('names every field to correct and sends nothing', () => {
    expect(
      agreementRequest(
        draft({
          unitId: '',
          startsOn: '2026-11-26',
          endsOn: '2026-11-01',
          seats: '0',
          monthlyRentEur: '12.345',
        }),
      ),
    ).toEqual({ request: null, invalid: ['unitId', 'endsOn', 'seats', 'monthlyRentEur'] });
    expect(agreementRequest(draft({ startsOn: '' })).invalid).toEqual(['startsOn']);
    expect(agreementRequest(draft({ seats: '1001' })).invalid).toEqual(['seats']);
  });

  it('moves the last day, clears it, or refuses a day before the first', () => {
    expect(endChange('2026-01-05', '2026-03-31')).toEqual({ endsOn: '2026-03-31' });
    expect(endChange('2026-01-05', ' ')).toEqual({ endsOn: null });
    expect(endChange('2026-01-05', '2025-12-31')).toEqual({ invalid: true });
  });
});

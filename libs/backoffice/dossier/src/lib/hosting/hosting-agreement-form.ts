import type { HostingAgreementRequest } from '@parcours/backoffice-data-access';

/** What the person typed in the new agreement form, as text. */
export interface AgreementDraft {
  placeId: string;
  unitId: string;
  startsOn: string;
  /** Empty for an agreement without a last day. */
  endsOn: string;
  seats: string;
  monthlyRentEur: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Euros with at most two decimals; a French decimal comma is read as a point. */
const AMOUNT = /^\d+([.,]\d{1,2})?$/;

export const blankAgreementDraft = (placeId: string, startsOn: string): AgreementDraft => ({
  placeId,
  unitId: '',
  startsOn,
  endsOn: '',
  seats: '1',
  monthlyRentEur: '',
});

/**
 * The request for `POST /startups/:id/hosting-agreements`, or the fields to correct, checked
 * against the API's own limits so that a refusal is explained before anything is sent.
 */
export function agreementRequest(draft: AgreementDraft): {
  request: HostingAgreementRequest | null;
  invalid: string[];
} {
  const invalid: string[] = [];
  if (draft.unitId === '') invalid.push('unitId');
  if (!ISO_DAY.test(draft.startsOn)) invalid.push('startsOn');
  const endsOn = draft.endsOn.trim();
  if (endsOn !== '' && (!ISO_DAY.test(endsOn) || endsOn < draft.startsOn)) invalid.push('endsOn');
  const seats = draft.seats.trim();
  if (!/^\d+$/.test(seats) || Number(seats) < 1 || Number(seats) > 1000) invalid.push('seats');
  const rent = draft.monthlyRentEur.trim().replace(/\s/g, '');
  const monthlyRentEur = rent === '' ? 0 : Number(rent.replace(',', '.'));
  if (rent !== '' && (!AMOUNT.test(rent) || monthlyRentEur > 10_000_000)) {
    invalid.push('monthlyRentEur');
  }
  if (invalid.length > 0) return { request: null, invalid };
  return {
    request: {
      unitId: draft.unitId,
      startsOn: draft.startsOn,
      ...(endsOn === '' ? {} : { endsOn }),
      seats: Number(seats),
      monthlyRentEur,
    },
    invalid,
  };
}

/** The new last day of an agreement: empty means open-ended again; never before its first day. */
export function endChange(
  startsOn: string,
  typed: string,
): { endsOn: string | null } | { invalid: true } {
  const endsOn = typed.trim();
  if (endsOn === '') return { endsOn: null };
  if (!ISO_DAY.test(endsOn) || endsOn < startsOn) return { invalid: true };
  return { endsOn };
}

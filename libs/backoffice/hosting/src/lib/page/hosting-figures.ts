import { HOSTING_UNIT_KINDS, type HostingUnitKind } from '@parcours/contracts';

/** The share of seats taken, in whole percent; null when there is no seat at all. */
export function occupancyPercent(occupiedSeats: number, capacity: number): number | null {
  if (capacity <= 0) return null;
  return Math.round((occupiedSeats / capacity) * 100);
}

/** The bar never draws past its end, even if a unit was shrunk below its bookings. */
export function barWidth(occupiedSeats: number, capacity: number): string {
  const percent = occupancyPercent(occupiedSeats, capacity) ?? 0;
  return `${Math.min(100, Math.max(0, percent))}%`;
}

/** A day as the API and `<input type="date">` write it, in the person's own time zone. */
export function isoDay(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

export interface UnitDraft {
  name: string;
  kind: HostingUnitKind;
  capacity: string;
}

export const blankUnitDraft = (): UnitDraft => ({ name: '', kind: 'OFFICE', capacity: '' });

/** The request for `POST /places/:id/units`, or the fields to correct (the API's limits). */
export function unitRequest(draft: UnitDraft): {
  request: { name: string; kind: HostingUnitKind; capacity: number } | null;
  invalid: string[];
} {
  const invalid: string[] = [];
  const name = draft.name.trim();
  if (name.length === 0 || name.length > 200) invalid.push('name');
  if (!HOSTING_UNIT_KINDS.includes(draft.kind)) invalid.push('kind');
  const capacity = Number(draft.capacity.trim());
  if (!/^\d+$/.test(draft.capacity.trim()) || capacity < 1 || capacity > 1000) {
    invalid.push('capacity');
  }
  return invalid.length > 0
    ? { request: null, invalid }
    : { request: { name, kind: draft.kind, capacity }, invalid };
}

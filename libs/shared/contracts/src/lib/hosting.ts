import type { TerritoryCode } from './reference-data';

/**
 * Nursery hosting (GLOSSARY: convention d'hébergement): a place has units (offices, desks) with
 * a number of seats; a hosting agreement gives a startup seats in a unit from a first day to a
 * last day (open-ended while `endsOn` is null).
 */
export const HOSTING_UNIT_KINDS = ['OFFICE', 'DESK'] as const;
export type HostingUnitKind = (typeof HOSTING_UNIT_KINDS)[number];

export interface HostingUnitView {
  id: string;
  placeId: string;
  name: string;
  kind: HostingUnitKind;
  capacity: number;
}

export interface HostingAgreementView {
  id: string;
  startupId: string;
  unitId: string;
  placeId: string;
  /** First hosted day (ISO date). */
  startsOn: string;
  /** Last hosted day, inclusive (ISO date); null while open-ended. */
  endsOn: string | null;
  seats: number;
  monthlyRentEur: number;
  version: number;
}

/** `GET /places/:id/occupancy`: seats taken on one day (`on`, default today). */
export interface PlaceOccupancyView {
  placeId: string;
  on: string;
  capacity: number;
  occupiedSeats: number;
  /** occupiedSeats / capacity; null for a place without units. */
  rate: number | null;
  units: {
    unitId: string;
    name: string;
    kind: HostingUnitKind;
    capacity: number;
    occupiedSeats: number;
    startups: number;
  }[];
}

/** `GET /places`: the sites where structures host startups, public like their units. */
export interface PlaceView {
  id: string;
  name: string;
  territory: TerritoryCode;
  address: string | null;
  /** The caller adds units and agreements here: an admin, or a manager of a structure at the place. */
  manageable: boolean;
}

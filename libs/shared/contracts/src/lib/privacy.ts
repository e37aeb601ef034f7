/**
 * Personal data (SPEC §1 "export all their personal data", §3 `GET /me/export`): what a person
 * gets back when they ask for everything held on them, and the erasure an admin performs.
 */

/** Audit actions of the privacy features (the column is open, like `AUDIT_ACTIONS`). */
export const PRIVACY_AUDIT_ACTIONS = {
  userErased: 'user.erased',
} as const;

/** What an erased account is renamed to: the row stays so that ids in history still resolve. */
export const ERASED_DISPLAY_NAME = 'Personne effacée';
export const erasedEmailOf = (userId: string) => `erased-${userId}@invalid`;

/** One group of rows of `GET /me/export`: a table of the personal-data registry. */
export interface PersonalDataSection {
  /** The table the rows come from. */
  table: string;
  /** Why the rows concern the caller (the registry's description). */
  description: string;
  rows: Record<string, unknown>[];
}

/** `GET /me/export`. */
export interface PersonalDataExport {
  exportedAt: string;
  subject: { id: string };
  sections: PersonalDataSection[];
}

/** `POST /users/:id/erasure`. */
export interface ErasureReport {
  userId: string;
  erasedAt: string;
  grantsRemoved: number;
  sessionsRevoked: number;
  notificationsDeleted: number;
  recoveryCodesDeleted: number;
  invitationsRevoked: number;
}

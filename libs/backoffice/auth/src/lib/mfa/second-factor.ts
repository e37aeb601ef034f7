/** Six digits, with a space in the middle as authenticator apps show them. */
export const TOTP_CODE_PATTERN = /^\s*\d{3}\s?\d{3}\s*$/;

export function normaliseTotpCode(typed: string): string {
  return typed.replace(/\s+/g, '');
}

/** Recovery codes read XXXX-XXXX-XXXX; the API ignores case, spaces and dashes. */
export function isPlausibleRecoveryCode(typed: string): boolean {
  return typed.replace(/[\s-]+/g, '').length >= 8;
}

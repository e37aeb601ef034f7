/*
 * Every JWT we sign carries `typ`, and each route accepts one type only: a token minted for one
 * purpose (the MFA step of a sign-in, an enrolment) never opens anything else.
 */

/** A normal access token, bound to its session (refresh token family) by `sid`. */
export interface AccessTokenClaims {
  sub: string;
  typ: 'access';
  sid: string;
}

/** Proves the password was right; good for `POST /auth/mfa` only. */
export interface MfaTokenClaims {
  sub: string;
  typ: 'mfa';
}

/** Proves the password was right for an account that must enrol; good for `/me/mfa/*` only. */
export interface MfaEnrolmentTokenClaims {
  sub: string;
  typ: 'mfa-enrolment';
}

export type TokenClaims = AccessTokenClaims | MfaTokenClaims | MfaEnrolmentTokenClaims;

export const MFA_TOKEN_TTL_SECONDS = 5 * 60;
export const MFA_ENROLMENT_TOKEN_TTL_SECONDS = 15 * 60;

/** The longest any of our tokens lives (access tokens: at most 15 minutes). */
export const MAX_TOKEN_LIFETIME_SECONDS = 3600;
/** Servers' clocks may differ a little; beyond that, a token "issued in the future" is forged. */
export const CLOCK_SKEW_SECONDS = 30;

/**
 * Narrows verified claims: anything not shaped like one of ours is refused. The JWT library
 * checks `exp` and `nbf` when present; ours always carry `iat` and `exp`, so a token without
 * them, issued in the future or living longer than any we issue is refused here.
 */
export function readClaims(
  payload: unknown,
  nowSeconds = Math.floor(Date.now() / 1000),
): TokenClaims | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { sub, typ, sid, iat, exp } = payload as Record<string, unknown>;
  if (typeof iat !== 'number' || typeof exp !== 'number') return null;
  if (
    iat > nowSeconds + CLOCK_SKEW_SECONDS ||
    exp <= iat ||
    exp - iat > MAX_TOKEN_LIFETIME_SECONDS
  ) {
    return null;
  }
  if (typeof sub !== 'string' || sub.length === 0) return null;
  if (typ === 'access') return typeof sid === 'string' ? { sub, typ, sid } : null;
  if (typ === 'mfa' || typ === 'mfa-enrolment') return { sub, typ };
  return null;
}

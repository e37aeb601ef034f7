import { generate, generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 with what every authenticator app supports: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
/**
 * Codes of the previous and the next step are accepted too (RFC 6238 §5.2 recommends at most
 * one step of drift), so a phone clock a little off or a code typed at the turn still works.
 */
export const TOTP_WINDOW_STEPS = 1;
/** 160-bit secrets, the RFC 4226 recommendation. */
const SECRET_BYTES = 20;
export const TOTP_ISSUER = 'Parcours';

export const newTotpSecret = (): string => generateSecret({ length: SECRET_BYTES });

export const totpUri = (secret: string, accountName: string): string =>
  generateURI({ issuer: TOTP_ISSUER, label: accountName, secret });

/** The code an authenticator shows at `epochSeconds` (tests and the CLI use it). */
export const totpCode = (secret: string, epochSeconds = Math.floor(Date.now() / 1000)) =>
  generate({ secret, epoch: epochSeconds, period: TOTP_PERIOD_SECONDS });

export type TotpCheck = { valid: true; timeStep: number } | { valid: false };

/**
 * Checks a code within the window. `afterTimeStep` is the last step already accepted for the
 * account: a code is good once only, even within its 30 seconds (RFC 6238 §5.2).
 */
export async function verifyTotp(input: {
  secret: string;
  code: string;
  epochSeconds?: number;
  afterTimeStep?: number | null;
}): Promise<TotpCheck> {
  if (!/^\d{6}$/.test(input.code)) return { valid: false };
  try {
    const result = await verify({
      secret: input.secret,
      token: input.code,
      period: TOTP_PERIOD_SECONDS,
      epoch: input.epochSeconds ?? Math.floor(Date.now() / 1000),
      epochTolerance: TOTP_WINDOW_STEPS * TOTP_PERIOD_SECONDS,
      ...(input.afterTimeStep != null ? { afterTimeStep: input.afterTimeStep } : {}),
    });
    return result.valid && 'timeStep' in result
      ? { valid: true, timeStep: result.timeStep }
      : { valid: false };
  } catch {
    // A malformed secret or token: not a valid code, never a 500.
    return { valid: false };
  }
}

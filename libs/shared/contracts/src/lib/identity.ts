import type { LoginResponse, MeResponse } from './api';
import type { Locale } from './notifications';
import type { GrantScope, Role, RoleGrant } from './roles';

/*
 * Accounts, sessions and multi-factor sign-in (SPEC §1, §3 `/auth/*`, `/me`, `/users`).
 * `LoginResponse` stays the contract of a completed sign-in; these types add to it.
 */

/** Roles that must sign in with a second factor outside demo mode. */
export const MFA_REQUIRED_ROLES: readonly Role[] = ['admin', 'manager'];

/** A completed sign-in: the contract's login response plus the refresh token of the session. */
export interface SessionResponse extends LoginResponse {
  /** Opaque; also set as an httpOnly cookie scoped to `/api/v1/auth`. Single use: rotate it. */
  refreshToken: string;
  refreshExpiresIn: number;
  mfaEnabled: boolean;
}

/** The password was right and the account has MFA: send a code to `POST /auth/mfa`. */
export interface MfaChallengeResponse {
  mfaRequired: true;
  /** Short-lived and good for `POST /auth/mfa` only. */
  mfaToken: string;
  expiresIn: number;
}

/**
 * The password was right but the account (admin or manager) must enrol a second factor first:
 * the token, sent as a bearer token, is accepted by `POST /me/mfa/enrol` and `/me/mfa/confirm`
 * only; the confirmation answers with a session.
 */
export interface MfaEnrolmentRequiredResponse {
  mfaEnrolmentRequired: true;
  mfaEnrolmentToken: string;
  expiresIn: number;
}

/** `POST /auth/login` (200 in every case). */
export type LoginResult = SessionResponse | MfaChallengeResponse | MfaEnrolmentRequiredResponse;

export const isSessionResponse = (result: LoginResult): result is SessionResponse =>
  'accessToken' in result;

/** `GET /me`. */
export interface CurrentUserResponse extends MeResponse {
  mfaEnabled: boolean;
  /** Whether this account must use a second factor (its roles, outside demo mode). */
  mfaRequired: boolean;
  /** Recovery codes not used yet (0 without MFA). */
  recoveryCodesRemaining: number;
  /** The person's language; the back-office switches to it at sign-in. */
  locale: Locale;
}

/** `POST /me/mfa/enrol`: what the authenticator app needs. */
export interface MfaEnrolmentResponse {
  /** Base32, for typing into the app by hand. */
  secret: string;
  otpauthUri: string;
  /** The otpauth URI as a PNG QR code. */
  qrCodeDataUrl: string;
}

/** `POST /me/mfa/confirm`. */
export interface MfaConfirmationResponse {
  mfaEnabled: true;
  /** Shown once: ten single-use codes for signing in without the authenticator. */
  recoveryCodes: string[];
  /** A new session when the confirmation was made with an enrolment token; null otherwise. */
  session: SessionResponse | null;
}

/** One grant of an account, as the administration shows it. */
export interface GrantView extends RoleGrant {
  id: string;
  grantedById: string | null;
  createdAt: string;
}

export interface UserAccountView {
  id: string;
  email: string;
  displayName: string;
  disabled: boolean;
  disabledAt: string | null;
  /** False while an invitation is pending. */
  passwordSet: boolean;
  mfaEnabled: boolean;
  locale: Locale;
  roles: Role[];
  grants: GrantView[];
  createdAt: string;
  version: number;
}

/**
 * An invitation just issued. The link leaves by e-mail (the worker); it is also returned outside
 * production, so that a demo without a mail server can hand it over.
 */
export interface InvitationIssued {
  expiresAt: string;
  link?: string;
}

/** `POST /users` (201). */
export interface UserCreatedResponse extends UserAccountView {
  invitation: InvitationIssued | null;
}

export interface GrantRequest {
  role: Role;
  scope: GrantScope;
  /** Territory code, structure id or startup id; null or absent for GLOBAL. */
  scopeId?: string | null;
}

/** `POST /auth/accept-invitation` (200). */
export interface InvitationAcceptedResponse {
  email: string;
  displayName: string;
}

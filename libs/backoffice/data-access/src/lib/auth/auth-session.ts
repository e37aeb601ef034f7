import { HttpClient, HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import type {
  CurrentUserResponse,
  Locale,
  LoginResponse,
  LoginResult,
  MeResponse,
  MfaConfirmationResponse,
  MfaEnrolmentResponse,
  Role,
  RoleGrant,
  UserSummary,
} from '@parcours/contracts';
import { firstValueFrom } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';

export interface Credentials {
  email: string;
  password: string;
}

/**
 * Where a sign-in stands after the password: done, or waiting for a second factor (a code of
 * the authenticator or a recovery code), or for the enrolment of an authenticator that the
 * account's roles require.
 */
export type SignInStep =
  | { kind: 'signed-in'; user: UserSummary }
  | { kind: 'second-factor'; mfaToken: string }
  | { kind: 'enrolment'; enrolmentToken: string };

/** The second step of a sign-in: exactly one of them. */
export type SecondFactor = { code: string } | { recoveryCode: string };

/** Why the last session ended: the sign-in page words its notice differently for each. */
export type SignOutReason = 'signed-out' | 'expired';

interface StoredToken {
  accessToken: string;
  /** Epoch milliseconds after which the API will refuse the token. */
  expiresAt: number;
}

/**
 * sessionStorage rather than localStorage: the session survives a reload but not the closing of
 * the tab, which suits shared office computers.
 */
export const SESSION_STORAGE_KEY = 'parcours.session';

/** The signed-in person, their roles and their access token, as signals. */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly http = inject(HttpClient);
  private readonly apiBaseUrl = inject(API_BASE_URL);

  private readonly storedToken = signal<StoredToken | null>(readStoredToken());
  private readonly currentUser = signal<UserSummary | null>(null);
  private readonly currentGrants = signal<readonly RoleGrant[]>([]);
  private readonly lastSignOutReason = signal<SignOutReason | null>(null);
  private readonly accountLocale = signal<Locale | null>(null);
  private readonly accountSecurity = signal<{
    mfaEnabled: boolean;
    mfaRequired: boolean;
    recoveryCodesRemaining: number;
  } | null>(null);

  readonly token = computed(() => this.storedToken()?.accessToken ?? null);
  readonly user = this.currentUser.asReadonly();
  readonly grants = this.currentGrants.asReadonly();
  readonly roles = computed<readonly Role[]>(() => this.currentUser()?.roles ?? []);
  /** Signed in means both a token and a known user: a token alone is still being checked. */
  readonly isSignedIn = computed(() => this.token() !== null && this.currentUser() !== null);
  readonly signOutReason = this.lastSignOutReason.asReadonly();
  /** The language saved on the account (`GET /me`): the shell switches to it at sign-in. */
  readonly locale = this.accountLocale.asReadonly();
  /** MFA state of the account, from `GET /me`; null until known. */
  readonly security = this.accountSecurity.asReadonly();

  hasAnyRole(roles: readonly Role[]): boolean {
    const held = this.roles();
    return roles.some((role) => held.includes(role));
  }

  /**
   * Signs in where no second factor is involved. Rejects with the HttpErrorResponse of the login
   * call (401 bad credentials, 429...), or an Error when the account needs a second factor.
   */
  async signIn(credentials: Credentials): Promise<UserSummary> {
    const step = await this.beginSignIn(credentials);
    if (step.kind !== 'signed-in') throw new Error('this account signs in with a second factor');
    return step.user;
  }

  /** The password step: a session, or what the second step needs. */
  async beginSignIn(credentials: Credentials): Promise<SignInStep> {
    const response = await firstValueFrom(
      this.http.post<LoginResult>(`${this.apiBaseUrl}/auth/login`, credentials),
    );
    if ('mfaRequired' in response) return { kind: 'second-factor', mfaToken: response.mfaToken };
    if ('mfaEnrolmentRequired' in response) {
      return { kind: 'enrolment', enrolmentToken: response.mfaEnrolmentToken };
    }
    return { kind: 'signed-in', user: await this.startSession(response) };
  }

  /** The code step; rejects with the HttpErrorResponse (401 wrong or spent code, 429). */
  async completeSecondFactor(mfaToken: string, factor: SecondFactor): Promise<UserSummary> {
    const response = await firstValueFrom(
      this.http.post<LoginResponse>(`${this.apiBaseUrl}/auth/mfa`, { mfaToken, ...factor }),
    );
    return this.startSession(response);
  }

  /**
   * Enrolment of an authenticator: with the enrolment token of a sign-in (forced enrolment), or
   * with the session's own token when `enrolmentToken` is null (voluntary, from the security page).
   */
  startEnrolment(enrolmentToken: string | null): Promise<MfaEnrolmentResponse> {
    return firstValueFrom(
      this.http.post<MfaEnrolmentResponse>(
        `${this.apiBaseUrl}/me/mfa/enrol`,
        {},
        { headers: bearer(enrolmentToken) },
      ),
    );
  }

  /**
   * Confirms the enrolment with a first code and answers the recovery codes (shown once). With an
   * enrolment token, the answer also opens the session, which starts here.
   */
  async confirmEnrolment(enrolmentToken: string | null, code: string): Promise<string[]> {
    const confirmation = await firstValueFrom(
      this.http.post<MfaConfirmationResponse>(
        `${this.apiBaseUrl}/me/mfa/confirm`,
        { code },
        { headers: bearer(enrolmentToken) },
      ),
    );
    if (confirmation.session) await this.startSession(confirmation.session);
    else await this.loadProfile();
    return confirmation.recoveryCodes;
  }

  /** Saves the interface language on the account; best effort, the switch itself is local. */
  saveLocale(locale: Locale): void {
    if (this.token() === null || this.accountLocale() === locale) return;
    this.accountLocale.set(locale);
    this.http
      .patch<CurrentUserResponse>(`${this.apiBaseUrl}/me`, { locale })
      .subscribe({ error: () => undefined });
  }

  /** Reads `/me` again (after an enrolment, say). */
  async refreshProfile(): Promise<void> {
    await this.loadProfile();
  }

  private async startSession(response: LoginResponse): Promise<UserSummary> {
    this.keepToken({
      accessToken: response.accessToken,
      expiresAt: Date.now() + response.expiresIn * 1000,
    });
    this.currentUser.set(response.user);
    this.currentGrants.set([]);
    this.lastSignOutReason.set(null);
    await this.loadProfile();
    return this.currentUser() ?? response.user;
  }

  /**
   * Run once at start-up: a token left by a previous page load is checked with `GET /me`.
   * Whatever goes wrong, the person ends up signed out rather than half signed in.
   */
  async restore(): Promise<void> {
    if (this.token() === null) return;
    try {
      const me = await firstValueFrom(this.http.get<MeResponse>(`${this.apiBaseUrl}/me`));
      this.applyProfile(me);
    } catch (error: unknown) {
      this.endSession(isUnauthorized(error) ? 'expired' : null);
    }
  }

  /**
   * `signed-out`: the person asked, so the API is told to revoke the token too.
   * `expired`: the API already refused the token (a 401), there is nothing left to revoke.
   */
  signOut(reason: SignOutReason = 'signed-out'): void {
    const token = this.token();
    if (token !== null && reason === 'signed-out') this.revoke(token);
    this.endSession(reason);
  }

  /** Grants only come with `/me`; a failure here leaves the login's user and roles in place. */
  private async loadProfile(): Promise<void> {
    try {
      const me = await firstValueFrom(this.http.get<MeResponse>(`${this.apiBaseUrl}/me`));
      this.applyProfile(me);
    } catch (error: unknown) {
      if (isUnauthorized(error)) this.endSession('expired');
    }
  }

  private endSession(reason: SignOutReason | null): void {
    this.keepToken(null);
    this.currentUser.set(null);
    this.currentGrants.set([]);
    this.accountLocale.set(null);
    this.accountSecurity.set(null);
    this.lastSignOutReason.set(reason);
  }

  private applyProfile(me: MeResponse | CurrentUserResponse): void {
    const { grants, ...rest } = me;
    const current = rest as Partial<CurrentUserResponse> & UserSummary;
    this.currentUser.set({
      id: current.id,
      email: current.email,
      displayName: current.displayName,
      roles: current.roles,
    });
    this.currentGrants.set(grants);
    this.accountLocale.set(current.locale ?? null);
    this.accountSecurity.set(
      current.mfaEnabled === undefined
        ? null
        : {
            mfaEnabled: current.mfaEnabled,
            mfaRequired: current.mfaRequired ?? false,
            recoveryCodesRemaining: current.recoveryCodesRemaining ?? 0,
          },
    );
  }

  /** Best effort: the token is forgotten locally whether or not the API hears about it. */
  private revoke(token: string): void {
    this.http
      .post<void>(
        `${this.apiBaseUrl}/auth/logout`,
        {},
        { headers: new HttpHeaders({ Authorization: `Bearer ${token}` }) },
      )
      .subscribe({ error: () => undefined });
  }

  private keepToken(token: StoredToken | null): void {
    this.storedToken.set(token);
    try {
      if (token === null) sessionStorage.removeItem(SESSION_STORAGE_KEY);
      else sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(token));
    } catch {
      // Storage can be disabled (private browsing, policies): the session then lasts until reload.
    }
  }
}

/** An explicit bearer token, which the interceptor then leaves alone; none for the session's. */
function bearer(token: string | null): HttpHeaders {
  return token === null ? new HttpHeaders() : new HttpHeaders({ Authorization: `Bearer ${token}` });
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 401;
}

function readStoredToken(): StoredToken | null {
  let raw: string | null;
  try {
    raw = sessionStorage.getItem(SESSION_STORAGE_KEY);
  } catch {
    return null;
  }
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (isStoredToken(parsed) && parsed.expiresAt > Date.now()) return parsed;
  } catch {
    // A corrupt entry is treated as no session.
  }
  sessionStorage.removeItem(SESSION_STORAGE_KEY);
  return null;
}

function isStoredToken(value: unknown): value is StoredToken {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate['accessToken'] === 'string' && typeof candidate['expiresAt'] === 'number';
}

import { HttpClient, HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import type { LoginResponse, MeResponse, Role, RoleGrant, UserSummary } from '@parcours/contracts';
import { firstValueFrom } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';

export interface Credentials {
  email: string;
  password: string;
}

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

  readonly token = computed(() => this.storedToken()?.accessToken ?? null);
  readonly user = this.currentUser.asReadonly();
  readonly grants = this.currentGrants.asReadonly();
  readonly roles = computed<readonly Role[]>(() => this.currentUser()?.roles ?? []);
  /** Signed in means both a token and a known user: a token alone is still being checked. */
  readonly isSignedIn = computed(() => this.token() !== null && this.currentUser() !== null);
  readonly signOutReason = this.lastSignOutReason.asReadonly();

  hasAnyRole(roles: readonly Role[]): boolean {
    const held = this.roles();
    return roles.some((role) => held.includes(role));
  }

  /** Rejects with the HttpErrorResponse of the login call (401 bad credentials, 429...). */
  async signIn(credentials: Credentials): Promise<UserSummary> {
    const response = await firstValueFrom(
      this.http.post<LoginResponse>(`${this.apiBaseUrl}/auth/login`, credentials),
    );
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
    this.lastSignOutReason.set(reason);
  }

  private applyProfile(me: MeResponse): void {
    const { grants, ...user } = me;
    this.currentUser.set(user);
    this.currentGrants.set(grants);
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

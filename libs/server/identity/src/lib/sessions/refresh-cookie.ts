/** The refresh token cookie: sent back only to the auth routes, never readable by scripts. */
export const REFRESH_COOKIE_NAME = 'parcours_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

export interface RefreshCookieOptions {
  httpOnly: true;
  secure: boolean;
  sameSite: 'strict';
  path: string;
  maxAge?: number;
}

export function refreshCookieOptions(
  secure: boolean,
  maxAgeSeconds?: number,
): RefreshCookieOptions {
  return {
    httpOnly: true,
    secure,
    sameSite: 'strict',
    path: REFRESH_COOKIE_PATH,
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

import { MAX_TOKEN_LIFETIME_SECONDS, readClaims } from './token-claims';

const NOW = 1_800_000_000;
const times = { iat: NOW - 10, exp: NOW + 890 };

describe('token claims', () => {
  it('reads our three token types', () => {
    expect(readClaims({ sub: 'u', typ: 'access', sid: 's', ...times }, NOW)).toEqual({
      sub: 'u',
      typ: 'access',
      sid: 's',
    });
    expect(readClaims({ sub: 'u', typ: 'mfa', ...times }, NOW)).toEqual({ sub: 'u', typ: 'mfa' });
    expect(readClaims({ sub: 'u', typ: 'mfa-enrolment', ...times }, NOW)).toEqual({
      sub: 'u',
      typ: 'mfa-enrolment',
    });
  });

  it.each([
    null,
    'text',
    {},
    { sub: 'u', ...times },
    { sub: 'u', typ: 'access', ...times },
    { sub: '', typ: 'mfa', ...times },
    { sub: 42, typ: 'mfa', ...times },
    { sub: 'u', typ: 'refresh', ...times },
  ])('refuses the shape %j', (payload) => {
    expect(readClaims(payload, NOW)).toBeNull();
  });

  it.each([
    ['without iat', { exp: NOW + 60 }],
    ['without exp', { iat: NOW }],
    ['issued in the future', { iat: NOW + 3600, exp: NOW + 4500 }],
    ['expiring before it was issued', { iat: NOW, exp: NOW - 1 }],
    [
      'living longer than any token we issue',
      { iat: NOW, exp: NOW + MAX_TOKEN_LIFETIME_SECONDS + 1 },
    ],
  ])('refuses a token %s', (_label, tokenTimes) => {
    expect(readClaims({ sub: 'u', typ: 'mfa', ...tokenTimes }, NOW)).toBeNull();
  });

  it('tolerates a few seconds of clock skew', () => {
    expect(readClaims({ sub: 'u', typ: 'mfa', iat: NOW + 5, exp: NOW + 305 }, NOW)).not.toBeNull();
  });
});

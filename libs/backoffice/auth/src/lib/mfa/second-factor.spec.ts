import { TOTP_CODE_PATTERN, isPlausibleRecoveryCode, normaliseTotpCode } from './second-factor';

describe('second factor input', () => {
  it('takes six digits, with the space authenticator apps show', () => {
    expect(TOTP_CODE_PATTERN.test('123456')).toBe(true);
    expect(TOTP_CODE_PATTERN.test('123 456')).toBe(true);
    expect(TOTP_CODE_PATTERN.test(' 123456 ')).toBe(true);
    expect(TOTP_CODE_PATTERN.test('12345')).toBe(false);
    expect(TOTP_CODE_PATTERN.test('12a456')).toBe(false);
    expect(normaliseTotpCode(' 123 456 ')).toBe('123456');
  });

  it('accepts recovery codes typed with or without dashes', () => {
    expect(isPlausibleRecoveryCode('ABCD-EFGH-JKMN')).toBe(true);
    expect(isPlausibleRecoveryCode('abcd efgh jkmn')).toBe(true);
    expect(isPlausibleRecoveryCode('ABC')).toBe(false);
  });
});

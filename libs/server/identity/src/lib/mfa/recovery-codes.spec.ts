import {
  RECOVERY_CODE_COUNT,
  newRecoveryCodes,
  normaliseRecoveryCode,
  recoveryCodeHash,
} from './recovery-codes';

describe('recovery codes', () => {
  it('come ten at a time, distinct, in readable groups', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes)
      expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('are hashed the same however they are typed back', () => {
    expect(normaliseRecoveryCode(' abcd-efgh jkmn ')).toBe('ABCDEFGHJKMN');
    expect(recoveryCodeHash('abcd efgh-jkmn')).toBe(recoveryCodeHash('ABCD-EFGH-JKMN'));
    expect(recoveryCodeHash('ABCD-EFGH-JKMN')).toMatch(/^[0-9a-f]{64}$/);
    expect(recoveryCodeHash('ABCD-EFGH-JKMP')).not.toBe(recoveryCodeHash('ABCD-EFGH-JKMN'));
  });
});

import { TOTP_PERIOD_SECONDS, newTotpSecret, totpCode, totpUri, verifyTotp } from './totp';

/** RFC 6238 Appendix B, SHA-1: the 20-byte ASCII key "12345678901234567890" in Base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP (RFC 6238)', () => {
  it('produces the RFC 6238 test vectors (6 digits, SHA-1)', async () => {
    expect(await totpCode(RFC_SECRET, 59)).toBe('287082');
    expect(await totpCode(RFC_SECRET, 1111111109)).toBe('081804');
    expect(await totpCode(RFC_SECRET, 1234567890)).toBe('005924');
    expect(await totpCode(RFC_SECRET, 2000000000)).toBe('279037');
  });

  it('makes 160-bit Base32 secrets and an otpauth URI naming the issuer and account', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = totpUri(secret, 'camille@example.fr');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Parcours:camille%40example\.fr\?/);
    expect(new URL(uri).searchParams.get('secret')).toBe(secret);
    expect(new URL(uri).searchParams.get('issuer')).toBe('Parcours');
  });

  describe('verification window', () => {
    const now = 1_800_000_015; // 15 s into a time step
    const step = Math.floor(now / TOTP_PERIOD_SECONDS);

    it('accepts the current code and reports its time step', async () => {
      const code = await totpCode(RFC_SECRET, now);
      await expect(verifyTotp({ secret: RFC_SECRET, code, epochSeconds: now })).resolves.toEqual({
        valid: true,
        timeStep: step,
      });
    });

    it('accepts the previous and the next step (clock drift of one step)', async () => {
      const previous = await totpCode(RFC_SECRET, now - TOTP_PERIOD_SECONDS);
      const next = await totpCode(RFC_SECRET, now + TOTP_PERIOD_SECONDS);
      await expect(
        verifyTotp({ secret: RFC_SECRET, code: previous, epochSeconds: now }),
      ).resolves.toEqual({
        valid: true,
        timeStep: step - 1,
      });
      await expect(
        verifyTotp({ secret: RFC_SECRET, code: next, epochSeconds: now }),
      ).resolves.toEqual({
        valid: true,
        timeStep: step + 1,
      });
    });

    it('refuses codes two steps away', async () => {
      const old = await totpCode(RFC_SECRET, now - 2 * TOTP_PERIOD_SECONDS);
      const early = await totpCode(RFC_SECRET, now + 2 * TOTP_PERIOD_SECONDS);
      await expect(
        verifyTotp({ secret: RFC_SECRET, code: old, epochSeconds: now }),
      ).resolves.toEqual({ valid: false });
      await expect(
        verifyTotp({ secret: RFC_SECRET, code: early, epochSeconds: now }),
      ).resolves.toEqual({ valid: false });
    });

    it('refuses a code whose step was already used (no replay)', async () => {
      const code = await totpCode(RFC_SECRET, now);
      await expect(
        verifyTotp({ secret: RFC_SECRET, code, epochSeconds: now, afterTimeStep: step }),
      ).resolves.toEqual({ valid: false });
      await expect(
        verifyTotp({ secret: RFC_SECRET, code, epochSeconds: now, afterTimeStep: step - 1 }),
      ).resolves.toEqual({ valid: true, timeStep: step });
    });

    it('refuses malformed codes and secrets without throwing', async () => {
      for (const code of ['', '12345', '1234567', 'abcdef', ' 123456']) {
        await expect(verifyTotp({ secret: RFC_SECRET, code, epochSeconds: now })).resolves.toEqual({
          valid: false,
        });
      }
      await expect(
        verifyTotp({ secret: 'not base32!', code: '123456', epochSeconds: now }),
      ).resolves.toEqual({
        valid: false,
      });
    });
  });
});

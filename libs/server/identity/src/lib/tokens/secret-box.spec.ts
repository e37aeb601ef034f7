import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox (AES-256-GCM)', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed, with the same context', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'mfa-secret:user-1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('JBSWY3DP');
    expect(box.open(sealed, 'mfa-secret:user-1')).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same', 'ctx')).not.toBe(box.seal('same', 'ctx'));
  });

  it('refuses another context, another key, a tampered or truncated box', () => {
    const sealed = box.seal('secret', 'mfa-secret:user-1');
    const [version, iv, tag, ciphertext] = sealed.split('.');
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] ^= 1;
    expect(box.open(sealed, 'mfa-secret:user-2')).toBeNull();
    expect(new SecretBox(randomBytes(32)).open(sealed, 'mfa-secret:user-1')).toBeNull();
    expect(
      box.open([version, iv, tag, flipped.toString('base64url')].join('.'), 'mfa-secret:user-1'),
    ).toBeNull();
    expect(
      box.open([version, iv, tag.slice(0, 8), ciphertext].join('.'), 'mfa-secret:user-1'),
    ).toBeNull();
    expect(box.open('v2.a.b.c', 'mfa-secret:user-1')).toBeNull();
    expect(box.open('garbage', 'mfa-secret:user-1')).toBeNull();
  });

  it('needs a 32-byte key', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32-byte/);
  });
});

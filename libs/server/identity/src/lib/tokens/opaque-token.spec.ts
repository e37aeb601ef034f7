import { newOpaqueToken, sameHash, sha256Hex } from './opaque-token';

describe('opaque tokens', () => {
  it('are 256 random bits, URL-safe, never twice the same', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newOpaqueToken()));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('are stored as their SHA-256 in hex', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex(newOpaqueToken())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('compares hashes in constant time, refusing different lengths', () => {
    const hash = sha256Hex('token');
    expect(sameHash(hash, sha256Hex('token'))).toBe(true);
    expect(sameHash(hash, sha256Hex('other'))).toBe(false);
    expect(sameHash(hash, hash.slice(0, 62))).toBe(false);
  });
});

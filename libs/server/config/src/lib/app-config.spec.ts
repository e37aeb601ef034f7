import { resolve } from 'node:path';
import { ConfigError, decodeAes256Key, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives working defaults in demo mode', () => {
    const config = loadConfig({ DEMO_MODE: 'true' });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/parcours');
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('names every invalid setting', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).message;
    expect(text).toContain('PORT');
    expect(text).toContain('DATABASE_URL');
    expect(text).toContain('JWT_SECRET');
  });

  it('refuses a missing secret outside demo mode', () => {
    expect(() => loadConfig({ NODE_ENV: 'development' })).toThrow(/JWT_SECRET: required/);
  });

  it('stores documents under .data/documents unless told, and wants an absolute folder in production', () => {
    expect(loadConfig({ DEMO_MODE: 'true' }).documentsDir).toBe(
      resolve(process.cwd(), '.data/documents'),
    );
    expect(loadConfig({ DEMO_MODE: 'true', DOCUMENTS_DIR: '/srv/documents' }).documentsDir).toBe(
      '/srv/documents',
    );
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(40),
        MFA_ENCRYPTION_KEY: 'ab'.repeat(32),
        DOCUMENTS_DIR: 'relative/documents',
      }),
    ).toThrow(/DOCUMENTS_DIR: must be an absolute path/);
  });

  it('refuses demo mode in production', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DEMO_MODE: 'true', JWT_SECRET: 'x'.repeat(40) }),
    ).toThrow(/DEMO_MODE/);
  });

  describe('identity settings', () => {
    const secrets = { JWT_SECRET: 'x'.repeat(40), MFA_ENCRYPTION_KEY: 'ab'.repeat(32) };

    const problemsOf = (env: NodeJS.ProcessEnv): string => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as ConfigError).message;
      }
      return '';
    };

    it('requires the MFA encryption key outside demo mode, and a well-formed one', () => {
      expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toMatch(
        /MFA_ENCRYPTION_KEY: required outside demo mode/,
      );
      expect(problemsOf({ ...secrets, MFA_ENCRYPTION_KEY: 'too-short' })).toMatch(
        /MFA_ENCRYPTION_KEY must be 32 bytes/,
      );
      expect(loadConfig({ DEMO_MODE: 'true' }).mfaEncryptionKey).toHaveLength(32);
    });

    it('reads the key as hex or base64', () => {
      const bytes = Buffer.alloc(32, 7);
      expect(decodeAes256Key(bytes.toString('hex'))).toEqual(bytes);
      expect(decodeAes256Key(bytes.toString('base64'))).toEqual(bytes);
      expect(decodeAes256Key(bytes.toString('base64url'))).toEqual(bytes);
      expect(loadConfig({ ...secrets, NODE_ENV: 'production' }).mfaEncryptionKey).toEqual(
        Buffer.alloc(32, 0xab),
      );
    });

    it('requires MFA of staff outside demo mode and tests, and never lets production turn it off', () => {
      expect(loadConfig({ ...secrets, NODE_ENV: 'production' }).mfaRequiredForStaff).toBe(true);
      expect(loadConfig({ ...secrets, NODE_ENV: 'development' }).mfaRequiredForStaff).toBe(true);
      expect(loadConfig({ DEMO_MODE: 'true' }).mfaRequiredForStaff).toBe(false);
      expect(loadConfig({ NODE_ENV: 'test' }).mfaRequiredForStaff).toBe(false);
      expect(
        loadConfig({ NODE_ENV: 'test', MFA_REQUIRED_FOR_STAFF: 'true' }).mfaRequiredForStaff,
      ).toBe(true);
      expect(
        problemsOf({ ...secrets, NODE_ENV: 'production', MFA_REQUIRED_FOR_STAFF: 'false' }),
      ).toMatch(/MFA_REQUIRED_FOR_STAFF/);
    });

    it('marks the refresh cookie Secure except on a plain-http development machine', () => {
      expect(loadConfig({ ...secrets, NODE_ENV: 'production' }).refreshCookieSecure).toBe(true);
      expect(loadConfig({ DEMO_MODE: 'true' }).refreshCookieSecure).toBe(false);
      expect(
        loadConfig({ DEMO_MODE: 'true', PUBLIC_URL: 'https://parcours.example.fr' })
          .refreshCookieSecure,
      ).toBe(true);
      expect(
        loadConfig({ DEMO_MODE: 'true', REFRESH_COOKIE_SECURE: 'true' }).refreshCookieSecure,
      ).toBe(true);
    });

    it('bounds the refresh token and invitation lifetimes', () => {
      const message = problemsOf({
        DEMO_MODE: 'true',
        REFRESH_TOKEN_TTL_SECONDS: '10',
        INVITATION_TTL_HOURS: '0',
      });
      expect(message).toMatch(/REFRESH_TOKEN_TTL_SECONDS/);
      expect(message).toMatch(/INVITATION_TTL_HOURS/);
      expect(loadConfig({ DEMO_MODE: 'true' }).INVITATION_TTL_HOURS).toBe(168);
    });
  });

  it('wants an absolute export folder and bounded export settings', () => {
    expect(loadConfig({ DEMO_MODE: 'true' }).EXPORT_DIR).toMatch(/^\/.*parcours-exports$/);
    expect(loadConfig({ DEMO_MODE: 'true', EXPORT_DIR: '/srv/exports' }).EXPORT_DIR).toBe(
      '/srv/exports',
    );
    expect(() =>
      loadConfig({
        DEMO_MODE: 'true',
        EXPORT_DIR: 'relative/exports',
        EXPORT_RETENTION_HOURS: '0',
        EXPORT_BATCH_ROWS: '1',
      }),
    ).toThrow(
      /EXPORT_DIR must be an absolute path[\s\S]*EXPORT_RETENTION_HOURS[\s\S]*EXPORT_BATCH_ROWS/,
    );
  });
});

import { ConfigError, loadConfig } from './app-config';

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

  it('refuses demo mode in production', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DEMO_MODE: 'true', JWT_SECRET: 'x'.repeat(40) }),
    ).toThrow(/DEMO_MODE/);
  });
});

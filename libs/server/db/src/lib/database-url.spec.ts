import { databaseNameOf, redactPassword, withDatabaseName } from './database-url';

describe('database URLs', () => {
  it('reads the database name', () => {
    expect(databaseNameOf('postgres://postgres@127.0.0.1:5432/parcours')).toBe('parcours');
  });

  it('refuses a URL without a database', () => {
    expect(() => databaseNameOf('postgres://postgres@127.0.0.1:5432')).toThrow(/names no database/);
  });

  it('swaps the database and keeps credentials and options', () => {
    expect(
      withDatabaseName('postgres://app:s3cret@db:5432/parcours?sslmode=require', 'postgres'),
    ).toBe('postgres://app:s3cret@db:5432/postgres?sslmode=require');
  });

  it('hides the password', () => {
    expect(redactPassword('postgres://app:s3cret@db:5432/parcours')).toBe(
      'postgres://app:***@db:5432/parcours',
    );
    expect(redactPassword('postgres://app@db/parcours')).toBe('postgres://app@db/parcours');
  });
});

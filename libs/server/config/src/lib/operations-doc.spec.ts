import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppConfig } from './app-config';

/**
 * docs/operations.md is the configuration reference of operators: every setting AppConfig reads
 * must have its row there (a setting with a default is a property of a new AppConfig; one
 * without is known by its validation decorators).
 */
describe('docs/operations.md', () => {
  const document = readFileSync(resolve(__dirname, '../../../../../docs/operations.md'), 'utf8');
  const documented = new Set(
    [...document.matchAll(/^\| `([A-Z][A-Z0-9_]+)` +\|/gm)].map((match) => match[1]),
  );
  const settings = [
    ...new Set([
      ...Object.keys(new AppConfig()),
      ...getMetadataStorage()
        .getTargetValidationMetadatas(AppConfig, '', true, false)
        .map((metadata) => metadata.propertyName),
    ]),
  ].sort();

  it('lists every setting of AppConfig in its configuration reference', () => {
    expect(settings).toEqual(expect.arrayContaining(['DATABASE_URL', 'JWT_SECRET', 'SMTP_URL']));
    expect(settings.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('lists no setting that AppConfig does not read', () => {
    expect([...documented].filter((name) => !settings.includes(name))).toEqual([]);
  });
});

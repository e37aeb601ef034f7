import { ENTITIES } from '@parcours/server-db';
import { getMetadataArgsStorage } from 'typeorm';
import {
  NOT_PERSONAL_DATA,
  PERSONAL_DATA_REGISTRY,
  looksPersonal,
  registeredColumns,
} from './personal-data-registry';

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** `table.column` of every column of every entity, from the TypeORM decorators. */
function entityColumns(): Map<string, Set<string>> {
  const storage = getMetadataArgsStorage();
  const entities = new Set<unknown>(ENTITIES);
  const tables = new Map<unknown, string>();
  for (const table of storage.tables) {
    if (entities.has(table.target) && table.name) tables.set(table.target, table.name);
  }
  const columns = new Map<string, Set<string>>();
  for (const column of storage.columns) {
    const table = tables.get(column.target);
    if (!table) continue;
    const name = column.options.name ?? snakeCase(column.propertyName);
    columns.set(table, (columns.get(table) ?? new Set()).add(name));
  }
  return columns;
}

describe('the personal-data registry', () => {
  const columns = entityColumns();

  it('reads every entity of the schema', () => {
    expect(columns.size).toBe(ENTITIES.length);
    expect(columns.get('app_user')).toContain('email');
  });

  it('lists every column whose name suggests personal data, or says why it is not personal', () => {
    const registered = registeredColumns();
    const unlisted = [...columns]
      .flatMap(([table, names]) => [...names].map((name) => `${table}.${name}`))
      .filter((qualified) => looksPersonal(qualified.split('.')[1]))
      .filter((qualified) => !registered.has(qualified) && !(qualified in NOT_PERSONAL_DATA));
    // A new column here: add it to PERSONAL_DATA_REGISTRY (export, erasure) or NOT_PERSONAL_DATA.
    expect(unlisted).toEqual([]);
  });

  it('names only tables and columns that exist', () => {
    const missing = [
      ...PERSONAL_DATA_REGISTRY.flatMap((table) =>
        [...table.columns.map((column) => column.column), ...table.contextColumns].map(
          (column) => `${table.table}.${column}`,
        ),
      ),
      ...Object.keys(NOT_PERSONAL_DATA),
    ].filter((qualified) => {
      const [table, column] = qualified.split('.');
      return !columns.get(table)?.has(column);
    });
    expect(missing).toEqual([]);
  });

  it('lists each table once, so that an export or an erasure visits it once', () => {
    const tables = PERSONAL_DATA_REGISTRY.map((table) => table.table);
    expect(tables.filter((table, index) => tables.indexOf(table) !== index)).toEqual([]);
  });

  it('never exports a credential, only whether it is set', () => {
    const credentials = PERSONAL_DATA_REGISTRY.flatMap((table) =>
      table.columns.filter((column) => column.category === 'credential'),
    );
    expect(credentials.map((column) => column.column).sort()).toEqual([
      'mfa_secret',
      'password_hash',
      'sealed_token',
    ]);
    expect(credentials.every((column) => column.export === 'presence')).toBe(true);
  });

  it('recognises personal-looking names by their snake_case parts', () => {
    expect(looksPersonal('phone_number')).toBe(true);
    expect(looksPersonal('client_ip')).toBe(true);
    expect(looksPersonal('user_agent')).toBe(true);
    expect(looksPersonal('reviewed_by_id')).toBe(true);
    expect(looksPersonal('date_of_birth')).toBe(true);
    expect(looksPersonal('description')).toBe(false);
    expect(looksPersonal('shipping_status')).toBe(false);
    expect(looksPersonal('stage')).toBe(false);
  });
});

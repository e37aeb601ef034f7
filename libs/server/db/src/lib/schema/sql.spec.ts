import { grantScopeTargetCheck } from './schema-values';
import { sqlIdentifier, sqlIn, sqlLiteral } from './sql';

describe('sql rendering', () => {
  it('doubles quotes inside literals and identifiers', () => {
    expect(sqlLiteral("l'incubateur")).toBe("'l''incubateur'");
    expect(sqlIdentifier('odd"name')).toBe('"odd""name"');
  });

  it('renders an enum CHECK body', () => {
    expect(sqlIn('stage', ['DETECTION', 'INCUBATION'])).toBe(
      `"stage" IN ('DETECTION', 'INCUBATION')`,
    );
  });

  it('refuses an empty list, which would refuse every row', () => {
    expect(() => sqlIn('stage', [])).toThrow(/empty list/);
  });
});

describe('grantScopeTargetCheck', () => {
  it('requires exactly the target column of each scope', () => {
    expect(grantScopeTargetCheck(['GLOBAL', 'STRUCTURE'])).toBe(
      `("scope" = 'GLOBAL' AND "territory_code" IS NULL AND "structure_id" IS NULL AND "startup_id" IS NULL)` +
        ` OR ("scope" = 'STRUCTURE' AND "territory_code" IS NULL AND "structure_id" IS NOT NULL AND "startup_id" IS NULL)`,
    );
  });
});

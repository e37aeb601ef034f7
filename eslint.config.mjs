import nx from '@nx/eslint-plugin';

/**
 * Module boundaries are part of the test command: an unenforced tag is decoration.
 * - scope:shared is pure TypeScript shared by the API, the worker and the back-office.
 * - scope:server never pulls Angular; scope:backoffice never pulls Nest, TypeORM or BullMQ.
 * - By type: app → feature → data-access → domain → util.
 */
const serverOnly = [
  '@nestjs/*',
  'typeorm',
  'bullmq',
  'ioredis',
  'pg',
  'nestjs-pino',
  'prom-client',
  'argon2',
];

const depConstraints = [
  {
    sourceTag: 'scope:shared',
    onlyDependOnLibsWithTags: ['scope:shared'],
    bannedExternalImports: [...serverOnly, '@angular/*', 'rxjs', 'fastify'],
  },
  {
    sourceTag: 'scope:server',
    onlyDependOnLibsWithTags: ['scope:shared', 'scope:server'],
    bannedExternalImports: ['@angular/*', '@jsverse/*', 'echarts', 'ngx-echarts'],
  },
  {
    sourceTag: 'scope:backoffice',
    onlyDependOnLibsWithTags: ['scope:shared', 'scope:backoffice'],
    bannedExternalImports: serverOnly,
  },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:feature',
      'type:data-access',
      'type:ui',
      'type:domain',
      'type:util',
    ],
  },
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:testing', 'type:data-access', 'type:domain', 'type:util'],
  },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:domain', 'type:util'],
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: [
      'type:feature',
      'type:data-access',
      'type:ui',
      'type:domain',
      'type:util',
    ],
  },
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:domain', 'type:util'] },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:util'],
  },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
];

/**
 * Tests of any library may use the shared test helpers (type:testing, e.g. real-database
 * factories and data builders), which production code may not.
 */
const testDepConstraints = depConstraints.map((constraint) =>
  constraint.sourceTag.startsWith('type:') && constraint.sourceTag !== 'type:testing'
    ? {
        ...constraint,
        onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:testing'],
      }
    : constraint,
);

const boundaryOptions = {
  enforceBuildableLibDependency: true,
  allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/tmp', '**/.angular', '**/test-output'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { ...boundaryOptions, depConstraints }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { ...boundaryOptions, depConstraints: testDepConstraints },
      ],
    },
  },
];

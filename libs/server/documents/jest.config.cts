module.exports = {
  displayName: 'server-documents',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  // Unit tests (*.spec.ts) and tests against the real PostgreSQL (*.integration-spec.ts).
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.integration-spec.ts'],
  // The first file of a run may have to rebuild the migrated template database.
  testTimeout: 30000,
  coverageDirectory: '../../../coverage/libs/server/documents',
};

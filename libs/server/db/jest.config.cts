module.exports = {
  displayName: 'server-db',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  // Unit tests (*.spec.ts) and tests against the real PostgreSQL (*.integration-spec.ts).
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.integration-spec.ts'],
  // Cloning the template is fast, but the first file of a run may have to build it.
  testTimeout: 30000,
  coverageDirectory: '../../../coverage/libs/server/db',
};

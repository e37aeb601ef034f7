module.exports = {
  displayName: 'server-demo',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  // Unit tests (*.spec.ts) and tests against the real PostgreSQL (*.integration-spec.ts).
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.integration-spec.ts'],
  // Seeding runs argon2 and a few thousand inserts; the first file may also build the template.
  testTimeout: 60000,
  coverageDirectory: '../../../coverage/libs/server/demo',
};

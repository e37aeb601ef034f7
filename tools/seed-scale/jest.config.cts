module.exports = {
  displayName: 'seed-scale',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  // A small run of the generator against the real PostgreSQL (the big one is never a test).
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.integration-spec.ts'],
  testTimeout: 180_000,
  coverageDirectory: '../../coverage/tools/seed-scale',
};

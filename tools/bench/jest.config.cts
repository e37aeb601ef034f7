module.exports = {
  displayName: 'bench',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  // The bench at tiny sizes, end to end against the built API and worker; timings never asserted.
  testMatch: ['<rootDir>/src/**/*.integration-spec.ts'],
  testTimeout: 600_000,
  coverageDirectory: '../../coverage/tools/bench',
};

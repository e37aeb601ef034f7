module.exports = {
  displayName: 'backoffice-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    // Type errors are reported for this project's files only: the suite drives the built apps,
    // so a library in the middle of a change elsewhere must not stop it from compiling.
    '^.+\\.[tj]s$': [
      'ts-jest',
      { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: { exclude: ['**/libs/**'] } },
    ],
  },
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  // One platform (API, worker, static server, Chromium) for the whole suite: one file at a time.
  maxWorkers: 1,
  testTimeout: 90_000,
  // Functions handed to page.evaluate() run in Chromium, where coverage counters do not exist.
  coveragePathIgnorePatterns: ['/node_modules/', '<rootDir>/src/'],
};

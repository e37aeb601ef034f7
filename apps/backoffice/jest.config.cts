module.exports = {
  displayName: 'backoffice',
  preset: '../../jest.preset.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../coverage/apps/backoffice',
  transform: {
    '^.+\\.(ts|mjs|js|html)$': [
      'jest-preset-angular',
      {
        tsconfig: '<rootDir>/tsconfig.spec.json',
        stringifyContentPathRegex: '\\.(html|svg)$',
      },
    ],
  },
  // Transloco's @jsverse/utils, Angular's locale data and ECharts (loaded by lazy routes) ship ESM
  // in plain .js files.
  transformIgnorePatterns: [
    'node_modules/(?!(.*\\.mjs$|@jsverse/|@angular/common/locales/|echarts/|zrender/|ngx-echarts/))',
  ],
  snapshotSerializers: [
    'jest-preset-angular/build/serializers/no-ng-attributes',
    'jest-preset-angular/build/serializers/ng-snapshot',
    'jest-preset-angular/build/serializers/html-comment',
  ],
};

import baseConfig from '../../../eslint.config.mjs';

/*
 * Tests may use the shared test helpers (@parcours/server-testing, tagged type:testing), which
 * the root rules keep out of feature code. Same constraints otherwise, read from the root config
 * so that they cannot drift.
 */
const RULE = '@nx/enforce-module-boundaries';
const [level, options] = baseConfig.find((entry) => entry.rules?.[RULE]).rules[RULE];
const testOptions = {
  ...options,
  depConstraints: options.depConstraints.map((constraint) =>
    constraint.sourceTag === 'type:feature'
      ? {
          ...constraint,
          onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:testing'],
        }
      : constraint,
  ),
};

export default [
  ...baseConfig,
  {
    files: ['**/*.spec.ts', '**/*.integration-spec.ts'],
    rules: { [RULE]: [level, testOptions] },
  },
];

// Linting for the whole project (npm run lint; part of npm run check).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'bench/results/**', 'web/src/gql/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // GraphQL test answers are untyped JSON
      '@typescript-eslint/no-explicit-any': 'off',
      // TypeORM migration lists are constructor functions
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // binary detection deliberately looks for control characters
      'no-control-regex': 'off',
    },
  },
  {
    // Type-aware rules, only the two that catch lost promises (the whole recommendedTypeChecked set is not on).
    // Each file is checked with its own tsconfig (tsconfig.json, or web/tsconfig.json for the web app); the two
    // config files of the web build are in neither and are checked with a default project.
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['web/vite.config.mts', 'web/codegen.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/*/*.repo', '**/modules/*/*.repo.js'],
              message: 'A repo is private to its module: call its service.',
            },
          ],
        },
      ],
    },
  },
  {
    // A module may import its own repo.
    files: ['src/server/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*/*.repo', '../*/*.repo.js'], message: 'A repo is private to its module: call its service.' },
          ],
        },
      ],
    },
  },
  {
    // The web app runs an action and words its failure one way: useAction (src/web/hooks/useAction.ts) and
    // errorMessage (src/web/api/errorMessage.ts).
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    ignores: ['src/web/hooks/useAction.ts', 'src/web/api/errorMessage.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='setBusy']",
          message: 'Run the action through useAction (src/web/hooks/useAction.ts).',
        },
        {
          selector: "ConditionalExpression[test.right.name='ApiError'][consequent.property.name='message']",
          message: 'Word a failure with errorMessage (src/web/api/errorMessage.ts).',
        },
      ],
    },
  },
  {
    // The web takes the API's reply types from src/shared/api, never its zod schemas (the bundle carries no zod).
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/*/*.repo', '**/modules/*/*.repo.js'],
              message: 'A repo is private to its module: call its service.',
            },
            {
              group: ['**/shared/api/*'],
              allowTypeImports: true,
              message: 'The web imports types only from shared/api (import type).',
            },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'Only src/extension may import vscode: keep the engine, providers and webviews runnable without VS Code.' }],
  }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.faaslab/**', 'test-results/**', '.vscode-test/**', '**/*.py', 'examples/**/node_modules/**', 'test/fixtures/**/node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  { files: ['src/core/**', 'src/providers/**', 'src/webviews/**', 'src/cli/**'], rules: noVscode },
  { files: ['src/webviews/**'], languageOptions: { globals: { ...globals.browser } } },
  {
    // The deprecated webview toolkit stays behind one thin layer so it can be swapped in one place.
    files: ['src/webviews/**'],
    ignores: ['src/webviews/experiment/ui/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: noVscode['no-restricted-imports'][1].paths,
        patterns: [{ group: ['@vscode/webview-ui-toolkit', '@vscode/webview-ui-toolkit/*'], message: 'Use the components in src/webviews/experiment/ui/.' }],
      }],
    },
  },
  { files: ['examples/**/*.js', 'examples/**/*.mjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);

// One lint, for what the type checker lets through: a promise nobody awaits. The hub's store is
// async (SQLite and PostgreSQL), so a forgotten `await` is a write that may land after the answer,
// or an error nobody sees. Formatting and style are not linted.
import tseslint from 'typescript-eslint';

const rules = {
  '@typescript-eslint/no-floating-promises': 'error',
  // A promise-returning function where a void callback is expected (event handlers are allowed).
  '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**'] },
  {
    files: ['electron/**/*.ts', 'core/**/*.ts', 'sync/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'tests/**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { project: ['./tsconfig.node.json'], tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules,
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser, parserOptions: { project: ['./tsconfig.web.json'], tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules,
  },
);

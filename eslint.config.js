// Lint: ESLint's and typescript-eslint's recommended rules, with the
// type-aware ones (floating promises, unsafe any, misused promises...) on
// every TypeScript file through the projects' own tsconfigs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'out/', 'test-results/', 'test/consumers/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    // The three projects: browser code, Node code (the command, bench), tests and configs.
    languageOptions: {
      parserOptions: { project: ['./tsconfig.json', './tsconfig.node.json', './tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);

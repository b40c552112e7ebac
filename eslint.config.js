// @ts-check
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * Which capability folders under src/ each folder may import. Engines speak only `core`;
 * `cli` and `platform` wire engines together. A folder missing here would be unrestricted, so
 * test/conventions/layering.test.ts fails until every folder of src/ has an entry.
 */
const layers = {
  core: [],
  image: ['core'],
  vuln: ['core'],
  posture: ['core'],
  detect: ['core'],
  cloud: ['core'],
  k8s: ['core'],
  sensor: ['core'],
  report: ['core'],
  sbom: ['core'],
  platform: [
    'core',
    'image',
    'vuln',
    'posture',
    'detect',
    'cloud',
    'k8s',
    'sensor',
    'report',
    'sbom',
  ],
  cli: [
    'core',
    'image',
    'vuln',
    'posture',
    'detect',
    'cloud',
    'k8s',
    'sensor',
    'report',
    'sbom',
    'platform',
  ],
};

const layerZones = Object.entries(layers).map(([layer, allowed]) => ({
  target: `./src/${layer}`,
  from: './src',
  except: [`./${layer}`, ...allowed.map((name) => `./${name}`)],
  message: `src/${layer} may import only from: ${[layer, ...allowed].join(', ')} (see the layer map in eslint.config.js)`,
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.cache/', 'coverage/', 'bin/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      // Sources import `./x.js` and the file on disk is `x.ts`: without this mapping import-x
      // resolves nothing of ours, and the layer and cycle rules silently pass everything.
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-cycle': 'error',
      'import-x/no-default-export': 'error',
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'zod/v4', message: "import from 'zod'" }] },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': [
        'error',
        { allowConstantLoopConditions: true },
      ],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      'no-console': 'error',
      eqeqeq: 'error',
      curly: 'error',
      'func-style': ['error', 'declaration', { allowArrowFunctions: true }],
      'max-depth': ['error', 4],
      'max-params': ['error', 5],
    },
  },
  {
    files: ['src/cli/**', 'bench/**', 'test/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.test.ts', 'test/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'max-params': 'off',
    },
  },
  {
    files: ['eslint.config.js', 'vitest.config.ts', 'web/vite.config.ts'],
    extends: [tseslint.configs.disableTypeChecked],
    rules: { 'import-x/no-default-export': 'off' },
  },
  {
    files: ['test/summary-reporter.ts'],
    rules: { 'import-x/no-default-export': 'off' },
  }
);

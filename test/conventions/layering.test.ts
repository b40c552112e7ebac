/**
 * Proves the layer rule of eslint.config.js (`import-x/no-restricted-paths`, built from the
 * `layers` map) really fires: small synthetic sources are linted as if they lived in src/.
 *
 * The probes are not on disk, so typed linting (the project service) would refuse them; the
 * type-aware rules are switched off for them, which leaves the import rules as configured.
 * `import-x/no-unresolved` is switched on, so a probe whose import cannot be resolved (the
 * rule then skips it silently) fails loudly instead of passing for the wrong reason.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const probeConfig: Linter.Config[] = [
  { files: ['**/*.ts'], ...(tseslint.configs.disableTypeChecked as Linter.Config) },
  { files: ['**/*.ts'], rules: { 'import-x/no-unresolved': 'error' } },
];

const eslint = new ESLint({ cwd: repoRoot, overrideConfig: probeConfig });

const layerRule = 'import-x/no-restricted-paths';

interface Finding {
  ruleId: string | null;
  message: string;
}

async function lint(filePath: string, code: string): Promise<Finding[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message }));
}

function describeFindings(findings: Finding[]): string {
  return findings.length === 0
    ? 'no findings'
    : findings.map(({ ruleId, message }) => `${ruleId ?? 'fatal'}: ${message}`).join('\n');
}

describe('the layer rule', () => {
  it('resolves a .js specifier to its .ts source, or the rule skips every import', async () => {
    const findings = await lint('src/image/some-new-file.ts', "import './merge.js';\n");
    expect(
      findings,
      `${describeFindings(findings)}\nimport-x needs a resolver that maps .js to .ts: in ` +
        "eslint.config.js, settings: { 'import-x/resolver-next': [createNodeResolver(" +
        "{ extensionAlias: { '.js': ['.ts', '.js'] } })] } (createNodeResolver from " +
        "'eslint-plugin-import-x')"
    ).toEqual([]);
  });

  const forbidden: [from: string, code: string][] = [
    ['src/image/some-new-file.ts', "import { main } from '../cli/main.js';\nvoid main;\n"],
    ['src/image/some-new-file.ts', "import '../report/index.js';\n"],
    ['src/core/some-new-file.ts', "import '../image/index.js';\n"],
    [
      'src/core/some-new-file.ts',
      "import type { Transport } from '../image/index.js';\nexport type T = Transport;\n",
    ],
    ['src/report/some-new-file.ts', "import '../image/index.js';\n"],
  ];

  for (const [filePath, code] of forbidden) {
    it(`forbids in ${filePath}: ${code.split('\n')[0] ?? ''}`, async () => {
      const findings = await lint(filePath, code);
      expect(
        findings.map((finding) => finding.ruleId),
        describeFindings(findings)
      ).toEqual([layerRule]);
      expect(findings[0]?.message).toContain('(see the layer map in eslint.config.js)');
    });
  }

  const allowed: [from: string, code: string][] = [
    ['src/image/some-new-file.ts', "import '../core/errors.js';\n"],
    ['src/cli/some-new-file.ts', "import '../image/index.js';\n"],
    ['src/cli/some-new-file.ts', "import '../report/index.js';\n"],
    ['src/report/some-new-file.ts', "import '../core/errors.js';\n"],
    ['src/core/some-new-file.ts', "import './errors.js';\n"],
    ['src/image/some-new-file.ts', "import 'zod';\n"],
  ];

  for (const [filePath, code] of allowed) {
    it(`allows in ${filePath}: ${code.split('\n')[0] ?? ''}`, async () => {
      const findings = await lint(filePath, code);
      expect(findings, describeFindings(findings)).toEqual([]);
    });
  }

  it('has a zone for every folder of src/', async () => {
    const config = z
      .object({
        rules: z.object({
          [layerRule]: z.tuple([
            z.unknown(),
            z.object({ zones: z.array(z.object({ target: z.string() })) }),
          ]),
        }),
      })
      .parse(await eslint.calculateConfigForFile('src/core/errors.ts'));
    const targets = config.rules[layerRule][1].zones.map((zone) => zone.target);
    const folders = readdirSync(join(repoRoot, 'src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const unlayered = folders.filter((folder) => !targets.includes(`./src/${folder}`));
    expect(unlayered, 'folders of src/ missing from the layer map in eslint.config.js').toEqual([]);
  });
});

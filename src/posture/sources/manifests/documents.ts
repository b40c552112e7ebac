import { parseAllDocuments } from 'yaml';

/** One document of a manifest file: its value, or why it could not be read. */
export type ManifestDocument =
  { index: number; ok: true; value: unknown } | { index: number; ok: false; message: string };

/** YAML aliases one document may expand: enough for anchors in real charts, not a bomb. */
const maxAliases = 100;

/**
 * Splits a manifest file into documents. JSON files hold one; YAML files hold any number,
 * separated by `---` (what `helm template` and `kustomize build` print). A broken document
 * is reported by its number and the others are still read. YAML is read with the core schema:
 * no custom tags, timestamps stay text, duplicate keys are errors.
 */
export function splitDocuments(text: string, json: boolean): ManifestDocument[] {
  if (json) {
    try {
      return [{ index: 1, ok: true, value: JSON.parse(text) as unknown }];
    } catch (error) {
      return [{ index: 1, ok: false, message: `not valid JSON: ${firstLine(error)}` }];
    }
  }
  const documents = parseAllDocuments(text, {
    schema: 'core',
    merge: true,
    uniqueKeys: true,
    strict: true,
    logLevel: 'error',
  });
  const list = Array.isArray(documents) ? documents : [];
  return list.flatMap((document, position): ManifestDocument[] => {
    const index = position + 1;
    const problem = document.errors[0];
    if (problem) {
      return [{ index, ok: false, message: `not valid YAML: ${firstLine(problem)}` }];
    }
    try {
      const value = document.toJS({ maxAliasCount: maxAliases }) as unknown;
      // An empty document (a trailing `---`, a file of comments) holds nothing to check.
      return value === null || value === undefined ? [] : [{ index, ok: true, value }];
    } catch (error) {
      return [{ index, ok: false, message: `not valid YAML: ${firstLine(error)}` }];
    }
  });
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').slice(0, 200);
}

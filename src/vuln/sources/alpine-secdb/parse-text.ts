import {
  formatOfName as documentFormatOfName,
  parseDocumentBytes,
  type DocumentFormat,
  type ParsedDocument,
} from '../../source/parse-document.js';
import { maxYamlAliases } from './limits.js';

export type SecdbFormat = DocumentFormat;

export type ParsedText = ParsedDocument;

/** The format a file's name promises, or undefined for a file that is not secdb. */
export const formatOfName = documentFormatOfName;

/**
 * For a file whose name says nothing (a URL without an extension): secdb JSON is an object,
 * so it opens with `{`; the YAML form opens with `---` or a key.
 */
export function sniffFormat(bytes: Uint8Array): SecdbFormat {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '');
  return head.trimStart().startsWith('{') ? 'json' : 'yaml';
}

export function parseSecdbText(bytes: Uint8Array, format: SecdbFormat): ParsedText {
  return parseDocumentBytes(bytes, format, { maxYamlAliases, numbersAsText: true });
}

// Characters an IRI may not hold even though a WHATWG URL keeps them unescaped.
const unsafe = /[^\x21-\x7e]|["<>\\^`{|}]/;

/**
 * A reference from an advisory as an http(s) URL both SARIF (`format: uri`) and CycloneDX
 * (`iri-reference`) accept, or undefined. Feeds hold the odd reference with spaces or no
 * scheme; a document that fails its schema is worse than one that leaves a link out.
 */
export function webUrl(text: string): string | undefined {
  if (!URL.canParse(text)) {
    return undefined;
  }
  const url = new URL(text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return undefined;
  }
  return unsafe.test(url.href) ? undefined : url.href;
}

/** One challenge of a `WWW-Authenticate` header: `Bearer realm="…",service="…"`. */
export interface Challenge {
  /** Lowercase: `basic`, `bearer`. */
  scheme: string;
  /** Parameter names lowercased; values unquoted. */
  params: Record<string, string>;
}

const tokenChar = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;

function readToken(text: string, start: number): number {
  let end = start;
  while (end < text.length && tokenChar.test(text.charAt(end))) {
    end++;
  }
  return end;
}

function skipSpace(text: string, start: number): number {
  let at = start;
  while (text.charAt(at) === ' ' || text.charAt(at) === '\t') {
    at++;
  }
  return at;
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  let at = start + 1;
  while (at < text.length && text.charAt(at) !== '"') {
    if (text.charAt(at) === '\\' && at + 1 < text.length) {
      at++;
    }
    value += text.charAt(at);
    at++;
  }
  return { value, end: at + 1 };
}

/**
 * Parses the challenges of RFC 9110 section 11.6.1. Several challenges may share one header
 * line, separated by commas like their parameters; a token followed by `=` is a parameter,
 * any other token starts the next challenge. Token68 credentials are skipped: registries do
 * not send them.
 */
export function parseWwwAuthenticate(header: string | readonly string[]): Challenge[] {
  const challenges: Challenge[] = [];
  for (const line of typeof header === 'string' ? [header] : header) {
    let current: Challenge | undefined;
    let at = 0;
    while (at < line.length) {
      at = skipSpace(line, at);
      const end = readToken(line, at);
      if (end === at) {
        at++; // a comma or stray character: step over it
        continue;
      }
      const name = line.slice(at, end);
      const next = skipSpace(line, end);
      if (line.charAt(next) === '=' && current !== undefined) {
        const valueStart = skipSpace(line, next + 1);
        if (line.charAt(valueStart) === '"') {
          const quoted = readQuoted(line, valueStart);
          current.params[name.toLowerCase()] = quoted.value;
          at = quoted.end;
        } else {
          const valueEnd = readToken(line, valueStart);
          current.params[name.toLowerCase()] = line.slice(valueStart, valueEnd);
          at = valueEnd;
        }
        continue;
      }
      current = { scheme: name.toLowerCase(), params: {} };
      challenges.push(current);
      at = end;
    }
  }
  return challenges;
}

/**
 * Reads the fields Palisade needs from an installed gemspec without running it. RubyGems
 * writes these files itself (`Gem::Specification#to_ruby`), one assignment a line:
 *
 *     s.name = "rake".freeze          (RubyGems 2.x and later)
 *     s.name = %q{rake}               (RubyGems 1.x)
 *     s.version = "13.0.6"
 *     s.licenses = ["MIT".freeze]
 *
 * so a value is taken only when it is a plain string literal on such a line. Anything
 * computed (`File.read`, interpolation) is treated as not said.
 */
export interface GemspecFields {
  name?: string;
  version?: string;
  licenses: string[];
}

/** `"…"`, `'…'` or `%q{…}` (any of its bracket pairs), as RubyGems writes strings. */
const literal = String.raw`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|%[qQ]?(?:\{[^}]*\}|<[^>]*>|\([^)]*\)|\[[^\]]*\])`;
const literalPattern = new RegExp(literal, 'g');

/** `<var>.<field> = <value>` at the start of a line, value up to a comment or the line's end. */
function assignment(field: string, value: string): RegExp {
  return new RegExp(
    String.raw`^[ \t]*[a-z_]\w*\.${field}[ \t]*=[ \t]*(${value})[ \t]*(?:#.*)?$`,
    'm'
  );
}

const freeze = String.raw`(?:\.freeze)?`;
const namePattern = assignment('name', `(?:${literal})${freeze}`);
const versionPattern = assignment(
  'version',
  String.raw`(?:${literal})${freeze}|Gem::Version\.new\((?:${literal})${freeze}\)`
);
// Items are comma-separated with nothing optional between them, so a long line that fails to
// match fails in linear time: two adjacent optional runs would backtrack exponentially.
const item = `(?:${literal})${freeze}`;
const licensesPattern = assignment(
  'licenses?',
  String.raw`\[[ \t]*(?:${item}(?:[ \t]*,[ \t]*${item})*[ \t]*,?[ \t]*)?\]|${item}`
);

/** The text of one literal, or undefined when it interpolates (`"#{x}"`) and so is computed. */
function literalValue(text: string): string | undefined {
  if (text.startsWith('%')) {
    // `%q{…}` never interpolates; `%Q{…}` and `%{…}` do, like double quotes.
    const open = text[1] === 'q' || text[1] === 'Q' ? 2 : 1;
    const body = text.slice(open + 1, -1);
    return text[1] === 'q' ? body : interpolationFree(body);
  }
  const body = text.slice(1, -1);
  if (text.startsWith("'")) {
    return body.replace(/\\([\\'])/g, '$1');
  }
  return interpolationFree(body)?.replace(/\\(.)/g, '$1');
}

function interpolationFree(body: string): string | undefined {
  return body.includes('#{') ? undefined : body;
}

function literalsIn(text: string): string[] {
  return [...text.matchAll(literalPattern)].flatMap((match) => {
    const value = literalValue(match[0]);
    return value === undefined ? [] : [value];
  });
}

export function readGemspec(text: string): GemspecFields {
  const name = namePattern.exec(text)?.[1];
  const version = versionPattern.exec(text)?.[1];
  const licenses = licensesPattern.exec(text)?.[1];
  const fields: GemspecFields = { licenses: licenses === undefined ? [] : literalsIn(licenses) };
  const nameValue = name === undefined ? undefined : literalsIn(name)[0];
  const versionValue = version === undefined ? undefined : literalsIn(version)[0];
  if (nameValue !== undefined) {
    fields.name = nameValue;
  }
  if (versionValue !== undefined) {
    fields.version = versionValue;
  }
  return fields;
}

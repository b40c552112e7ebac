/** A Maven artifact as an archive names it; `group` is absent when nothing in it says one. */
export interface Coordinates {
  group?: string;
  artifact: string;
  version: string;
}

/**
 * The package name OSV writes for Maven, `group:artifact`. Without a group the artifact id
 * stands for it too (`commons-thing:commons-thing`): a Maven package URL must have a namespace,
 * and old artifacts were published just so (`log4j:log4j`, `commons-io:commons-io`).
 */
export function mavenName(coordinates: Coordinates): string {
  return `${coordinates.group ?? coordinates.artifact}:${coordinates.artifact}`;
}

const longestValue = 256;
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]/;

/** A trimmed value worth reporting: not empty, not absurdly long, no control characters. */
export function cleanValue(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (
    trimmed === undefined ||
    trimmed === '' ||
    trimmed.length > longestValue ||
    controlCharacters.test(trimmed)
  ) {
    return undefined;
  }
  return trimmed;
}

/** A Maven group or artifact id: letters, digits, `.`, `_`, `-`, no spaces. */
export function isMavenId(value: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(value);
}

/** `org.example`, `com.fasterxml.jackson.core`: a lowercase first label and at least one dot. */
export function isReverseDomain(value: string): boolean {
  return /^[a-z][a-z0-9-]*(\.[A-Za-z0-9_-]+)+$/.test(value);
}

/** A group or artifact taken from free text: clean, and free of the `:` that splits the name. */
export function cleanName(value: string | undefined): string | undefined {
  const clean = cleanValue(value);
  return clean?.includes(':') === true ? undefined : clean;
}

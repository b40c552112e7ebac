/** ANSI styling that disappears entirely when colour is off, so plain output has no escapes. */
export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
  warn(text: string): string;
}

export function textStyle(color: boolean): TextStyle {
  if (!color) {
    return { bold: plain, dim: plain, warn: plain };
  }
  return {
    bold: (text) => `\u001b[1m${text}\u001b[22m`,
    dim: (text) => `\u001b[2m${text}\u001b[22m`,
    warn: (text) => `\u001b[33m${text}\u001b[39m`,
  };
}

function plain(text: string): string {
  return text;
}

// C0 and C1 controls (escape sequences, carriage returns) and the bidirectional overrides
// that can make a terminal show one name while the file says another.
// eslint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Text from the image (package names, versions, notes) made safe to print: everything in an
 * image is attacker-controlled, and a package named with an escape sequence must not be able
 * to rewrite the user's terminal or hide lines of the report.
 */
export function printable(text: string): string {
  return text.replace(
    unsafe,
    (char) => `\\u${char.codePointAt(0)?.toString(16).padStart(4, '0') ?? ''}`
  );
}

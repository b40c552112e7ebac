import type { Severity } from '../../core/finding.js';

/** ANSI styling that disappears entirely when colour is off, so plain output has no escapes. */
export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
  warn(text: string): string;
  /** Text in the colour of a severity, as scanners commonly show them: red for the worst. */
  severity(severity: Severity, text: string): string;
}

export function textStyle(color: boolean): TextStyle {
  if (!color) {
    return { bold: plain, dim: plain, warn: plain, severity: (_severity, text) => text };
  }
  const bold = (text: string) => `\u001b[1m${text}\u001b[22m`;
  const dim = (text: string) => `\u001b[2m${text}\u001b[22m`;
  const foreground = (code: number, text: string) => `\u001b[${code}m${text}\u001b[39m`;
  const severityStyles: Record<Severity, (text: string) => string> = {
    critical: (text) => bold(foreground(31, text)),
    high: (text) => foreground(31, text),
    medium: (text) => foreground(33, text),
    low: (text) => foreground(36, text),
    negligible: dim,
    unknown: dim,
  };
  return {
    bold,
    dim,
    warn: (text) => foreground(33, text),
    severity: (severity, text) => severityStyles[severity](text),
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

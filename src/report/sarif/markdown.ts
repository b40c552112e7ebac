/**
 * Text from an advisory feed made inert in Markdown, for the middle of a line: GitHub renders
 * a rule's help, and a title holding `[link](javascript:…)`, `<img>`, `**` or a table pipe
 * must show as written. Line breaks become spaces, so nothing can start a line (a heading, a
 * list) and the characters that only matter there can stay as they are.
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, (char) => `\\${char}`).replace(/\s+/g, ' ');
}

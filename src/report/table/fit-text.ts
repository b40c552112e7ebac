import { displayLength } from './column-widths.js';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Prose cut to fit a cell: wrapped between words (and after a word's hyphens) to `width`
 * characters a line, at most `maxLines` lines, the last one ending in `…` when anything was
 * left out. A word longer than the line is broken inside. Used for titles, which are worth reading but not worth making a
 * table row taller for.
 */
export function fitText(text: string, width: number, maxLines: number): string {
  const lines = wrapWords(text.trim(), Math.max(width, 1));
  if (lines.length <= maxLines) {
    return lines.join('\n');
  }
  const kept = lines.slice(0, Math.max(maxLines, 1));
  const last = kept.pop() ?? '';
  kept.push(`${sliceGraphemes(last, width - 1)}…`);
  return kept.join('\n');
}

function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const { word, spaced } of pieces(text)) {
    const joined = line === '' ? word : `${line}${spaced ? ' ' : ''}${word}`;
    if (displayLength(joined) <= width) {
      line = joined;
      continue;
    }
    if (line !== '') {
      lines.push(line);
    }
    line = word;
    while (displayLength(line) > width) {
      lines.push(sliceGraphemes(line, width));
      line = sliceGraphemes(line, Infinity, width);
    }
  }
  if (line !== '') {
    lines.push(line);
  }
  return lines;
}

/** Words, each split after its inner hyphens (`out-of-bounds` → `out-`, `of-`, `bounds`). */
function pieces(text: string): { word: string; spaced: boolean }[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) =>
      word.split(/(?<=-)(?=[^-])/).map((part, index) => ({
        word: part,
        spaced: index === 0,
      }))
    );
}

function sliceGraphemes(text: string, end: number, start = 0): string {
  return Array.from(graphemes.segment(text), (part) => part.segment)
    .slice(start, end)
    .join('');
}

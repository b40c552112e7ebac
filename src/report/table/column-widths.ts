/** The whole table, borders included, fits a 100-column terminal. */
export const maxTableWidth = 100;

/** One round of shrinking: these columns give up width, widest first, down to `min`. */
export interface ShrinkStep {
  columns: ReadonlySet<number>;
  /** Width with padding; a column never shrinks below its heading either. */
  min: number;
}

/**
 * Each column as wide as its widest cell (plus one space of padding each side); while the
 * table is wider than `maxTableWidth`, each step in turn takes one character at a time from
 * its widest column that is still above its minimum.
 */
export function columnWidths(
  headings: readonly string[],
  rows: readonly (readonly string[])[],
  steps: readonly ShrinkStep[]
): number[] {
  const widths = headings.map(
    (heading, column) =>
      Math.max(heading.length, ...rows.map((row) => displayLength(row[column] ?? ''))) + 2
  );
  const borders = headings.length + 1;
  let total = widths.reduce((sum, width) => sum + width, borders);
  for (const step of steps) {
    while (total > maxTableWidth) {
      const widest = widestShrinkable(widths, headings, step);
      if (widest === undefined) {
        break;
      }
      widths[widest] = (widths[widest] ?? 0) - 1;
      total--;
    }
  }
  return widths;
}

function widestShrinkable(
  widths: readonly number[],
  headings: readonly string[],
  step: ShrinkStep
): number | undefined {
  let widest: number | undefined;
  widths.forEach((width, column) => {
    // Headings always fit: they are bold when colour is on, and cli-table3's
    // character-counting wrap would cut a colour code in half.
    const min = Math.max(step.min, (headings[column]?.length ?? 0) + 2);
    if (step.columns.has(column) && width > min && width > (widths[widest ?? -1] ?? 0)) {
      widest = column;
    }
  });
  return widest;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

// Close enough for sizing: cli-table3 measures real terminal width when it lays the table out.
export function displayLength(text: string): number {
  return Array.from(graphemes.segment(text)).length;
}

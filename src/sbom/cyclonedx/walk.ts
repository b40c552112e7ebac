import { InputError } from '../../core/errors.js';
import { parseValue } from '../../core/parse.js';
import { sbomLimits } from '../limits.js';
import { Component } from './schema.js';

export interface PlacedComponent {
  /** `components[3]`, `components[3].components[0]`: where it sits, for messages. */
  where: string;
  component: Component;
}

/**
 * Every component of the BOM, nested ones included, in document order. The total and the
 * depth are capped, so a hostile BOM is refused by name instead of exhausting the process.
 */
export function allComponents(top: readonly unknown[], source: string): PlacedComponent[] {
  const found: PlacedComponent[] = [];
  const pending: { items: readonly unknown[]; prefix: string; depth: number }[] = [
    { items: top, prefix: 'components', depth: 1 },
  ];
  let level: (typeof pending)[number] | undefined;
  while ((level = pending.shift()) !== undefined) {
    const { items, prefix, depth } = level;
    if (depth > sbomLimits.maxNesting) {
      throw new InputError(
        `${source} nests components more than ${sbomLimits.maxNesting} deep (at ${prefix})`
      );
    }
    items.forEach((item, index) => {
      const where = `${prefix}[${index}]`;
      const component = parseValue(Component, item, `${source}: ${where}`);
      found.push({ where, component });
      if (component.components && component.components.length > 0) {
        pending.push({
          items: component.components,
          prefix: `${where}.components`,
          depth: depth + 1,
        });
      }
    });
    if (found.length > sbomLimits.maxComponents) {
      throw new InputError(
        `${source} has more than ${sbomLimits.maxComponents} components, the limit for an SBOM`
      );
    }
  }
  return found;
}

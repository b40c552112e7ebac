import { InvalidCvssVectorError } from './errors.js';

export interface MetricDefinition {
  /** The values the vector string may give, case-sensitive as every CVSS version spells them. */
  values: readonly string[];
  /** Base metrics must all be present; the other groups may be left out. */
  mandatory: boolean;
}

export type MetricTable = Readonly<Record<string, MetricDefinition>>;

/**
 * Reads the `NAME:VALUE/NAME:VALUE…` part of a vector (after any `CVSS:x.y/` prefix) against
 * a version's metric table. Order is not checked: v2 and v3 allow any order, and v4.0's order
 * rule changes nothing in the meaning, so an advisory that breaks it is still scored.
 */
export function parseMetrics(
  vector: string,
  body: string,
  table: MetricTable
): Map<string, string> {
  const metrics = new Map<string, string>();
  for (const component of body.split('/')) {
    const colon = component.indexOf(':');
    if (component === '' || colon < 0) {
      throw new InvalidCvssVectorError(
        vector,
        component === '' ? 'empty component' : `component without a value: "${component}"`
      );
    }
    const name = component.slice(0, colon);
    const value = component.slice(colon + 1);
    // An own-property check, so that `constructor:` or `__proto__:` are unknown metrics too.
    const definition = Object.hasOwn(table, name) ? table[name] : undefined;
    if (!definition) {
      throw new InvalidCvssVectorError(vector, `unknown metric "${name}"`);
    }
    if (metrics.has(name)) {
      throw new InvalidCvssVectorError(vector, `duplicate metric "${name}"`);
    }
    if (!definition.values.includes(value)) {
      throw new InvalidCvssVectorError(
        vector,
        `bad value "${value}" for metric ${name} (expected one of ${definition.values.join(', ')})`
      );
    }
    metrics.set(name, value);
  }
  const missing = Object.keys(table).filter(
    (name) => table[name]?.mandatory === true && !metrics.has(name)
  );
  if (missing.length > 0) {
    throw new InvalidCvssVectorError(
      vector,
      `missing mandatory metric${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`
    );
  }
  return metrics;
}

/** A parsed metric's value; the parser has already checked the mandatory ones are there. */
export function metricValue(metrics: ReadonlyMap<string, string>, name: string): string {
  const value = metrics.get(name);
  if (value === undefined) {
    throw new Error(`metric ${name} was not parsed`);
  }
  return value;
}

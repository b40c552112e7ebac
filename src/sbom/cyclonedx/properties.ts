import type { LayerRef } from '../../core/package.js';
import type { Component } from './schema.js';

/**
 * The `palisade:` properties our own CycloneDX output writes (src/report/cyclonedx/components.ts;
 * the reader tests render a BOM with it, so the two cannot drift apart unnoticed).
 */
export const palisadeProperties = {
  layerDigest: 'palisade:layer:digest',
  layerDiffId: 'palisade:layer:diffId',
  layerIndex: 'palisade:layer:index',
  location: 'palisade:package:location',
  evidence: 'palisade:package:evidence',
  sourceName: 'palisade:package:source-name',
  sourceVersion: 'palisade:package:source-version',
  distroless: 'palisade:os:distroless',
} as const;

/**
 * The first value of a property. A component listed in several places repeats the location and
 * layer properties, in record order; the first ones belong together, as the first record's.
 */
export function firstProperty(component: Component, name: string): string | undefined {
  return component.properties?.find((property) => property.name === name)?.value;
}

/**
 * The layer that introduced the package. An inventory's layer reference needs its position
 * in the image, so a BOM without the index property (written before it was added) gives none.
 */
export function layerOf(component: Component): LayerRef | undefined {
  const digest = firstProperty(component, palisadeProperties.layerDigest);
  const diffId = firstProperty(component, palisadeProperties.layerDiffId);
  const index = firstProperty(component, palisadeProperties.layerIndex);
  if (!digest || !diffId || index === undefined || !/^\d{1,6}$/.test(index)) {
    return undefined;
  }
  return { index: Number(index), digest, diffId };
}

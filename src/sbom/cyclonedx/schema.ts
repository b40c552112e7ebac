import { z } from 'zod';
import { sbomLimits } from '../limits.js';

/**
 * The parts of CycloneDX JSON (1.4 to 1.6) a reassessment reads. What decides a match (a
 * component's type, name, version, purl and our properties) is checked strictly; the rest
 * (licences, supplier, description, timestamps) falls back to nothing when it is malformed,
 * since a foreign tool's odd licence entry is no reason to refuse its packages.
 */
export const supportedSpecVersions = ['1.4', '1.5', '1.6'] as const;

const property = z.object({ name: z.string(), value: z.string().optional() });

export const Component = z.object({
  type: z.string(),
  name: z.string(),
  version: z.string().optional(),
  purl: z.string().optional(),
  description: z.string().optional().catch(undefined),
  supplier: z.object({ name: z.string().optional() }).optional().catch(undefined),
  licenses: z.array(z.unknown()).optional().catch(undefined),
  properties: z.array(property).max(sbomLimits.maxPropertiesPerComponent).optional(),
  // Nested components are walked one level at a time, with a depth cap, rather than through a
  // recursive schema that a deeply nested document could drive into a stack overflow.
  components: z.array(z.unknown()).optional(),
});
export type Component = z.infer<typeof Component>;

export const Bom = z.object({
  bomFormat: z.literal('CycloneDX'),
  specVersion: z.enum(supportedSpecVersions),
  metadata: z
    .object({
      timestamp: z.string().optional().catch(undefined),
      component: z.unknown().optional(),
    })
    .optional(),
  components: z.array(z.unknown()).max(sbomLimits.maxComponents).optional(),
  vulnerabilities: z.array(z.unknown()).optional().catch(undefined),
});
export type Bom = z.infer<typeof Bom>;

/** One entry of `licenses`: a licence by id or name, or an SPDX expression. */
export const LicenseChoice = z.union([
  z.object({ license: z.object({ id: z.string().optional(), name: z.string().optional() }) }),
  z.object({ expression: z.string() }),
]);

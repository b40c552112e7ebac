/**
 * Caps on what one SBOM may hold. A real image lists a few thousand packages and its SBOM is a
 * few MiB; these leave room for the largest (language-heavy images list tens of thousands of
 * components) while keeping a hostile or mistaken file from taking the machine's memory.
 */
export const sbomLimits = {
  /** Bytes of the SBOM file; JSON.parse holds the whole text, and a parsed copy beside it. */
  maxBytes: 256 * 1024 * 1024,
  /** Components (CycloneDX, nested ones included) or packages (SPDX). */
  maxComponents: 250_000,
  /** How deep CycloneDX components may nest inside each other. */
  maxNesting: 32,
  /** Properties of one CycloneDX component, external references of one SPDX package. */
  maxPropertiesPerComponent: 1_000,
} as const;

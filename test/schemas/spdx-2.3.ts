import parseLicenseExpression from 'spdx-expression-parse';
import { z } from 'zod';

/**
 * A strict model of an SPDX 2.3 JSON document, written from the SPDX 2.3 specification
 * (https://spdx.github.io/spdx-spec/v2.3/) for tests, because no official schema is available
 * offline. Strict objects: an unknown or misspelt field is an error, as it is for the
 * official schema's `additionalProperties: false`. Beyond the schema it also checks what the
 * specification says in prose: SPDX id syntax, date format, agent syntax, licence expression
 * syntax, unique ids, and relationships that point at elements the document defines.
 *
 * Files and snippets are not modelled (Palisade writes neither), so a document with them fails.
 * Enum spellings follow the specification's text (`OPERATING-SYSTEM`, `PACKAGE-MANAGER`).
 */

const spdxId = z.string().regex(/^SPDXRef-[A-Za-z0-9.-]+$/, 'not an SPDX id');
/** An element in this document or, with a `DocumentRef-` prefix, in another one. */
const elementRef = z
  .string()
  .regex(/^(DocumentRef-[A-Za-z0-9.-]+:)?SPDXRef-[A-Za-z0-9.-]+$/, 'not an SPDX element id');
/** `YYYY-MM-DDThh:mm:ssZ`, UTC, whole seconds (spec clause 6.9). */
const dateTime = z
  .string()
  .regex(
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)Z$/,
    'not YYYY-MM-DDThh:mm:ssZ'
  );
const agent = z.string().regex(/^(Person|Organization): \S.*$/, 'not an agent');
const creator = z.string().regex(/^(Person|Organization|Tool): \S.*$/, 'not a creator');
const noAssertionOr = (value: z.ZodString) => z.union([z.literal('NOASSERTION'), value]);
const hex = z.string().regex(/^[0-9a-f]+$/, 'not lower-case hex');

/** `NONE`, `NOASSERTION` or a valid SPDX licence expression (Annex D). */
export const licenseField = z
  .string()
  .refine(isLicenseField, 'not NONE, NOASSERTION or an SPDX licence expression');

function isLicenseField(value: string): boolean {
  if (value === 'NONE' || value === 'NOASSERTION') {
    return true;
  }
  // Annex D: the operators are upper case (the parser also accepts lower case).
  const tokens = value.split(/[\s()]+/);
  if (tokens.some((token) => /^(and|or|with)$/i.test(token) && token !== token.toUpperCase())) {
    return false;
  }
  try {
    parseLicenseExpression(value);
    return true;
  } catch {
    return false;
  }
}

const checksumAlgorithm = z.enum([
  'SHA1',
  'SHA224',
  'SHA256',
  'SHA384',
  'SHA512',
  'SHA3-256',
  'SHA3-384',
  'SHA3-512',
  'BLAKE2b-256',
  'BLAKE2b-384',
  'BLAKE2b-512',
  'BLAKE3',
  'MD2',
  'MD4',
  'MD5',
  'MD6',
  'ADLER32',
]);

const checksum = z.strictObject({ algorithm: checksumAlgorithm, checksumValue: hex });

const annotation = z.strictObject({
  annotator: creator,
  annotationDate: dateTime,
  annotationType: z.enum(['REVIEW', 'OTHER']),
  comment: z.string(),
});

const externalRef = z
  .strictObject({
    referenceCategory: z.enum(['SECURITY', 'PACKAGE-MANAGER', 'PERSISTENT-ID', 'OTHER']),
    referenceType: z.string().min(1),
    referenceLocator: z.string().regex(/^\S+$/, 'the locator may not contain spaces'),
    comment: z.string().optional(),
  })
  .refine(
    (ref) =>
      ref.referenceType !== 'purl' ||
      (ref.referenceCategory === 'PACKAGE-MANAGER' &&
        /^pkg:[a-z][a-z0-9.+-]*\//.test(ref.referenceLocator)),
    'a purl reference is a PACKAGE-MANAGER reference whose locator is a package URL'
  );

/** A URL, a VCS location (`git+https://…`), `NONE` or `NOASSERTION` (spec clause 7.7). */
const downloadLocation = z
  .string()
  .regex(
    /^(NONE|NOASSERTION|[a-z][a-z0-9.-]*(\+[a-z0-9.-]+)?:\/\/\S+)$/i,
    'not a download location'
  );

export const spdxPackageSchema = z
  .strictObject({
    SPDXID: spdxId,
    name: z.string().min(1),
    versionInfo: z.string().min(1).optional(),
    packageFileName: z.string().optional(),
    supplier: noAssertionOr(agent).optional(),
    originator: noAssertionOr(agent).optional(),
    downloadLocation,
    filesAnalyzed: z.boolean().optional(),
    packageVerificationCode: z
      .strictObject({
        packageVerificationCodeValue: z.string().regex(/^[0-9a-f]{40}$/),
        packageVerificationCodeExcludedFiles: z.array(z.string()).optional(),
      })
      .optional(),
    checksums: z.array(checksum).optional(),
    homepage: z.string().optional(),
    sourceInfo: z.string().optional(),
    licenseConcluded: licenseField.optional(),
    licenseInfoFromFiles: z.array(licenseField).optional(),
    licenseDeclared: licenseField.optional(),
    licenseComments: z.string().optional(),
    copyrightText: z.string().optional(),
    summary: z.string().optional(),
    description: z.string().optional(),
    comment: z.string().optional(),
    externalRefs: z.array(externalRef).optional(),
    attributionTexts: z.array(z.string()).optional(),
    primaryPackagePurpose: z
      .enum([
        'APPLICATION',
        'FRAMEWORK',
        'LIBRARY',
        'CONTAINER',
        'OPERATING-SYSTEM',
        'DEVICE',
        'FIRMWARE',
        'SOURCE',
        'ARCHIVE',
        'FILE',
        'INSTALL',
        'OTHER',
      ])
      .optional(),
    releaseDate: dateTime.optional(),
    builtDate: dateTime.optional(),
    validUntilDate: dateTime.optional(),
    annotations: z.array(annotation).optional(),
    hasFiles: z.array(spdxId).optional(),
  })
  .refine(
    (pkg) => pkg.filesAnalyzed !== false || (!pkg.packageVerificationCode && !pkg.hasFiles),
    'a package with filesAnalyzed false has no files and no verification code'
  );

export const relationshipTypes = [
  'DESCRIBES',
  'DESCRIBED_BY',
  'CONTAINS',
  'CONTAINED_BY',
  'DEPENDS_ON',
  'DEPENDENCY_OF',
  'DEPENDENCY_MANIFEST_OF',
  'BUILD_DEPENDENCY_OF',
  'DEV_DEPENDENCY_OF',
  'OPTIONAL_DEPENDENCY_OF',
  'PROVIDED_DEPENDENCY_OF',
  'TEST_DEPENDENCY_OF',
  'RUNTIME_DEPENDENCY_OF',
  'EXAMPLE_OF',
  'GENERATES',
  'GENERATED_FROM',
  'ANCESTOR_OF',
  'DESCENDANT_OF',
  'VARIANT_OF',
  'DISTRIBUTION_ARTIFACT',
  'PATCH_FOR',
  'PATCH_APPLIED',
  'COPY_OF',
  'FILE_ADDED',
  'FILE_DELETED',
  'FILE_MODIFIED',
  'EXPANDED_FROM_ARCHIVE',
  'DYNAMIC_LINK',
  'STATIC_LINK',
  'DATA_FILE_OF',
  'TEST_CASE_OF',
  'BUILD_TOOL_OF',
  'DEV_TOOL_OF',
  'TEST_OF',
  'TEST_TOOL_OF',
  'DOCUMENTATION_OF',
  'OPTIONAL_COMPONENT_OF',
  'METAFILE_OF',
  'PACKAGE_OF',
  'AMENDS',
  'PREREQUISITE_FOR',
  'HAS_PREREQUISITE',
  'REQUIREMENT_DESCRIPTION_FOR',
  'SPECIFICATION_FOR',
  'OTHER',
] as const;

const relationship = z.strictObject({
  spdxElementId: elementRef,
  relationshipType: z.enum(relationshipTypes),
  relatedSpdxElement: z.union([z.literal('NONE'), z.literal('NOASSERTION'), elementRef]),
  comment: z.string().optional(),
});

const extractedLicense = z.strictObject({
  licenseId: z.string().regex(/^LicenseRef-[A-Za-z0-9.-]+$/),
  extractedText: z.string().min(1),
  name: z.string().optional(),
  seeAlsos: z.array(z.string()).optional(),
  comment: z.string().optional(),
});

const externalDocumentRef = z.strictObject({
  externalDocumentId: z.string().regex(/^DocumentRef-[A-Za-z0-9.-]+$/),
  spdxDocument: z.string().min(1),
  checksum: z.strictObject({
    algorithm: z.literal('SHA1'),
    checksumValue: z.string().regex(/^[0-9a-f]{40}$/),
  }),
});

/** An absolute URI without a fragment, as clause 6.5 requires of the document namespace. */
const documentNamespace = z
  .string()
  .regex(/^[a-z][a-z0-9+.-]*:[^\s#]+$/i, 'not an absolute URI without #')
  .refine((value) => URL.canParse(value), 'not a URI');

export const spdxDocumentSchema = z
  .strictObject({
    spdxVersion: z.literal('SPDX-2.3'),
    dataLicense: z.literal('CC0-1.0'),
    SPDXID: z.literal('SPDXRef-DOCUMENT'),
    name: z.string().min(1),
    documentNamespace,
    externalDocumentRefs: z.array(externalDocumentRef).optional(),
    creationInfo: z.strictObject({
      created: dateTime,
      creators: z.array(creator).min(1),
      licenseListVersion: z
        .string()
        .regex(/^\d+\.\d+$/)
        .optional(),
      comment: z.string().optional(),
    }),
    comment: z.string().optional(),
    documentDescribes: z.array(spdxId).optional(),
    packages: z.array(spdxPackageSchema).optional(),
    hasExtractedLicensingInfos: z.array(extractedLicense).optional(),
    relationships: z.array(relationship).optional(),
    annotations: z.array(annotation).optional(),
  })
  .superRefine((doc, ctx) => {
    const ids = new Set<string>([doc.SPDXID]);
    (doc.packages ?? []).forEach((pkg, index) => {
      if (ids.has(pkg.SPDXID)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate SPDXID ${pkg.SPDXID}`,
          path: ['packages', index, 'SPDXID'],
        });
      }
      ids.add(pkg.SPDXID);
    });
    const external = new Set((doc.externalDocumentRefs ?? []).map((ref) => ref.externalDocumentId));
    const known = (ref: string): boolean => {
      const colon = ref.indexOf(':');
      return colon === -1 ? ids.has(ref) : external.has(ref.slice(0, colon));
    };
    (doc.relationships ?? []).forEach((rel, index) => {
      for (const key of ['spdxElementId', 'relatedSpdxElement'] as const) {
        const ref = rel[key];
        if (ref !== 'NONE' && ref !== 'NOASSERTION' && !known(ref)) {
          ctx.addIssue({
            code: 'custom',
            message: `${ref} is not defined in the document`,
            path: ['relationships', index, key],
          });
        }
      }
    });
    (doc.documentDescribes ?? []).forEach((ref, index) => {
      if (!ids.has(ref)) {
        ctx.addIssue({
          code: 'custom',
          message: `${ref} is not defined`,
          path: ['documentDescribes', index],
        });
      }
    });
    const describes =
      (doc.documentDescribes ?? []).length > 0 ||
      (doc.relationships ?? []).some(
        (rel) => rel.spdxElementId === doc.SPDXID && rel.relationshipType === 'DESCRIBES'
      );
    if (!describes) {
      ctx.addIssue({
        code: 'custom',
        message: 'the document describes nothing (clause 6.1: at least one DESCRIBES)',
        path: [],
      });
    }
    const declared = new Set((doc.hasExtractedLicensingInfos ?? []).map((info) => info.licenseId));
    (doc.packages ?? []).forEach((pkg, index) => {
      for (const field of [
        pkg.licenseConcluded,
        pkg.licenseDeclared,
        ...(pkg.licenseInfoFromFiles ?? []),
      ]) {
        for (const ref of field?.match(/LicenseRef-[A-Za-z0-9.-]+/g) ?? []) {
          if (!declared.has(ref)) {
            ctx.addIssue({
              code: 'custom',
              message: `${ref} is used but not in hasExtractedLicensingInfos`,
              path: ['packages', index],
            });
          }
        }
      }
    });
  });

export type SpdxDocumentModel = z.infer<typeof spdxDocumentSchema>;

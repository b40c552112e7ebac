/** The parts of the SPDX 2.3 JSON model that Palisade writes. */
export interface SpdxDocument {
  spdxVersion: 'SPDX-2.3';
  dataLicense: 'CC0-1.0';
  SPDXID: 'SPDXRef-DOCUMENT';
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  packages: SpdxPackage[];
  relationships: SpdxRelationship[];
}

export type SpdxPurpose = 'CONTAINER' | 'OPERATING-SYSTEM' | 'LIBRARY';

export interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  supplier: string;
  downloadLocation: 'NOASSERTION';
  filesAnalyzed: false;
  sourceInfo?: string;
  licenseConcluded: string;
  licenseDeclared: string;
  copyrightText: 'NOASSERTION';
  description?: string;
  externalRefs?: SpdxExternalRef[];
  primaryPackagePurpose: SpdxPurpose;
}

export interface SpdxExternalRef {
  referenceCategory: 'PACKAGE-MANAGER';
  referenceType: 'purl';
  referenceLocator: string;
}

export interface SpdxRelationship {
  spdxElementId: string;
  relationshipType: 'DESCRIBES' | 'CONTAINS';
  relatedSpdxElement: string;
}

export const noAssertion = 'NOASSERTION';

import type { PurlParts, PurlPattern } from './purl-pattern.js';

/** The entries of one ignore file, in file order. */
export interface IgnoreList {
  /** The file as the user named it: warnings and reasons quote it. */
  source: string;
  entries: IgnoreEntry[];
}

export interface IgnoreEntry {
  /** 1-based position among the file's entries, as messages count them. */
  entry: number;
  /** 1-based line where the entry starts, when the format tells. */
  line?: number;
  /** A vulnerability id, matched against a finding's id and every alias. */
  id: string;
  /** Only packages this selects (see `purlMatches`); every package when absent. */
  package?: PurlPattern;
  /** Past this instant the entry no longer applies. */
  expires?: { text: string; at: number };
  reason: string;
}

export type VexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';

export type VexJustification =
  | 'component_not_present'
  | 'vulnerable_code_not_present'
  | 'vulnerable_code_not_in_execute_path'
  | 'vulnerable_code_cannot_be_controlled_by_adversary'
  | 'inline_mitigations_already_exist';

/** One OpenVEX document, reduced to what matching needs. */
export interface VexDocument {
  /** The file as the user named it. */
  source: string;
  /** The document's `@id`. */
  id: string;
  author: string;
  statements: VexStatement[];
}

export interface VexStatement {
  /** 0-based position in the document's `statements`, as a JSON path counts (`statements[2]`). */
  index: number;
  /** The vulnerability's name and aliases, as written. */
  names: string[];
  /**
   * Every product and subcomponent purl the statement names. They are not told apart: the
   * finding's package may be a product itself or a subcomponent of an image product.
   */
  purls: PurlParts[];
  status: VexStatus;
  justification?: VexJustification;
  impactStatement?: string;
  /** Milliseconds since the epoch: the statement's own timestamp, else the document's. */
  timestamp: number;
}

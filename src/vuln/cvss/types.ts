export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0';

/**
 * The qualitative rating of a score. CVSS v2 has no `none` or `critical`: its scale is Low,
 * Medium and High only.
 */
export type CvssSeverity = 'none' | 'low' | 'medium' | 'high' | 'critical';

/** A CVSS v4.0 score that takes the vector's threat and/or environmental metrics into account. */
export interface CvssV4AdjustedScore {
  /** The v4.0 nomenclature: which metric groups besides Base went into the score. */
  nomenclature: 'CVSS-BT' | 'CVSS-BE' | 'CVSS-BTE';
  score: number;
  severity: CvssSeverity;
}

export interface CvssResult {
  version: CvssVersion;
  /** The vector as given, without surrounding white space. */
  vector: string;
  /** The base score (CVSS-B for v4.0), 0.0 to 10.0 with one decimal. */
  baseScore: number;
  /** The rating of `baseScore`. */
  severity: CvssSeverity;
  /**
   * v4.0 only, and only when the vector sets a threat or environmental metric to something
   * other than `X`. v2 and v3 vectors may carry such metrics too; they are validated but not
   * scored.
   */
  adjusted?: CvssV4AdjustedScore;
}

/** One `<package>` of a `<pkglist>`, its attributes as written. */
export interface RawPackage {
  name?: string | undefined;
  epoch?: string | undefined;
  version?: string | undefined;
  release?: string | undefined;
  arch?: string | undefined;
}

/** One `<reference>`, its attributes as written. */
export interface RawReference {
  href?: string | undefined;
  id?: string | undefined;
  type?: string | undefined;
}

/**
 * One `<update>` as the document has it, before any judgement: the parser only collects, and
 * the conversion decides what is a record and what is an error.
 */
export interface RawUpdate {
  /** Its place among the document's updates, from 1, to name an update without an id. */
  index: number;
  type?: string | undefined;
  status?: string | undefined;
  id?: string | undefined;
  title?: string | undefined;
  severity?: string | undefined;
  description?: string | undefined;
  /** The `date` attributes of `<issued>` and `<updated>`. */
  issued?: string | undefined;
  updated?: string | undefined;
  references: RawReference[];
  packages: RawPackage[];
  /**
   * Set when a value went over a cap: the update cannot be converted faithfully, so it becomes
   * one error item, and the document is still read on.
   */
  problem?: string;
}

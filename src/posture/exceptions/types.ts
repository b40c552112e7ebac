/**
 * An exception: results it matches are reported as `exempted`, with its reason, instead of
 * `fail`. Every dimension given must match (a list matches when any entry does); names and
 * ids may end in `*`. Exceptions are data, so they are reviewed like code and expire.
 */
export interface Exception {
  /** Check ids (`pss-privileged`, `rbac-*`). */
  checks?: string[];
  /** Framework controls, `framework:id` (`cis-eks-1.8.0:4.2.*`). */
  controls?: string[];
  namespaces?: string[];
  kinds?: string[];
  names?: string[];
  /** Labels the resource must carry (pod template labels for workloads). */
  labels?: Record<string, string>;
  reason: string;
  /** ISO date; from then on the exception no longer applies and a note says so. */
  expires?: string;
  /** Where it was written, for the report: `exceptions.yaml#3`, `built-in: eks`. */
  origin: string;
}

/**
 * A detection exception: alerts it matches are not raised, and the run counts them against it.
 * Every dimension given must match (a list matches when any entry does); entries may hold `*`
 * anywhere. Exceptions are data, reviewed like code, and expire.
 */
export interface DetectionException {
  /** Rule or detection ids (`pod-exec`, `anomalous-*`). */
  rules?: string[];
  /** Acting usernames (`arn:aws:sts::*:assumed-role/Deployer/*`, `alice`). */
  users?: string[];
  /** Any group of the acting user. */
  groups?: string[];
  /** `namespace/name` of the acting service account (`monitoring/*`). */
  serviceAccounts?: string[];
  /** The namespace of the object touched. */
  namespaces?: string[];
  /** `resource` or `resource/subresource` touched (`pods/exec`, `configmaps`). */
  resources?: string[];
  /** The name of the object touched. */
  names?: string[];
  /** Any container image of the workload in the request (`registry.example/ops/*`). */
  images?: string[];
  userAgents?: string[];
  reason: string;
  /** ISO date; from then on it no longer applies and the run says so. */
  expires?: string;
  /** Where it was written: `detect-exceptions.yaml#2`. */
  origin: string;
}

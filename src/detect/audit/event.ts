/**
 * The `audit.k8s.io/v1` Event, as the API server writes it: the fields detection reads. Anything
 * else an event carries stays in the parsed value, unread.
 * https://kubernetes.io/docs/reference/config-api/apiserver-audit.v1/
 */
export const auditApiVersion = 'audit.k8s.io/v1';

export type AuditStage = 'RequestReceived' | 'ResponseStarted' | 'ResponseComplete' | 'Panic';
export type AuditLevel = 'None' | 'Metadata' | 'Request' | 'RequestResponse';

export interface AuditUser {
  username: string;
  uid?: string;
  groups?: string[];
  /** EKS puts the IAM principal here: `arn`, `accessKeyId`, `sessionName`. */
  extra?: Record<string, string[]>;
}

export interface AuditObjectRef {
  resource?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiGroup?: string;
  apiVersion?: string;
  resourceVersion?: string;
  subresource?: string;
}

export interface AuditResponseStatus {
  code?: number;
  status?: string;
  reason?: string;
  message?: string;
}

export interface AuditEvent {
  kind: 'Event';
  apiVersion: typeof auditApiVersion;
  level: AuditLevel;
  auditID: string;
  stage: AuditStage;
  requestURI: string;
  /** Lower case: get, list, watch, create, update, patch, delete, deletecollection (or the HTTP method). */
  verb: string;
  user: AuditUser;
  impersonatedUser?: AuditUser;
  sourceIPs?: string[];
  userAgent?: string;
  objectRef?: AuditObjectRef;
  responseStatus?: AuditResponseStatus;
  /** At Request level and above. For a patch, the patch: a JSON-patch array or a merge patch. */
  requestObject?: unknown;
  /** At RequestResponse level. */
  responseObject?: unknown;
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  annotations?: Record<string, string>;
}

/** Why an event was not judged; counted per reason in the run's statistics. */
export type RejectReason =
  'not-json' | 'too-large' | 'wrong-api-version' | 'malformed' | 'duplicate' | 'not-judged-stage';

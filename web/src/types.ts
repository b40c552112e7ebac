/** The parts of the API's answers the dashboard reads (see /api/v1/openapi.json). */

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'informational' | 'unknown';

export interface ScoreControl {
  id: string;
  max: number;
  earned: number;
  healthy: number;
  unhealthy: number;
}

export interface ClusterScore {
  clusterId: string;
  name: string;
  accountId?: string;
  score: number;
  earned: number;
  max: number;
  controls: ScoreControl[];
}

export interface ScoreReport {
  overall: { score: number; earned: number; max: number; controls: ScoreControl[] };
  accounts: { accountId: string; clusters: string[]; score: number }[];
  clusters: ClusterScore[];
}

export interface Page<T> {
  items: T[];
  next?: string;
}

export interface Alert {
  id: string;
  clusterId: string;
  rule: string;
  severity: Severity;
  status: 'new' | 'in_progress' | 'dismissed' | 'resolved';
  dismissReason?: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  statusChangedBy?: string;
  statusChangedAt?: string;
  assignee?: string;
  techniques: { id: string; name?: string; url?: string }[];
  alert: {
    title: string;
    message: string;
    mitre: string[];
    identity: { username: string; groups: string[] };
    sourceIPs: string[];
    userAgent?: string;
    object?: { resource: string; subresource?: string; namespace?: string; name?: string };
    evidence: { auditIDs: string[]; fields: Record<string, string> };
  };
}

export interface Cluster {
  id: string;
  name: string;
}

export interface Image {
  id: string;
  repository: string;
  digest: string;
  tags: string[];
  hasSbom: boolean;
}

/** As CISA's Known Exploited Vulnerabilities catalog lists a CVE. */
export interface KnownExploited {
  dateAdded: string;
  ransomware: boolean;
}

/** `GET /api/v1/vulnerabilities`: open findings grouped by vulnerability. */
export interface Vulnerability {
  id: string;
  severity: Severity;
  images: number;
  findings: number;
  workloads: number;
  fixable: boolean;
  knownExploited?: KnownExploited;
  firstSeen: string;
  title?: string;
}

export interface AffectedImage {
  imageId: string;
  registryId: string;
  repository: string;
  digest: string;
  tags: string[];
  hasSbom: boolean;
  package: { purl: string; name: string; version: string };
  severity: Severity;
  fixedVersion?: string;
  firstSeen: string;
}

export interface RunningContainer {
  clusterId: string;
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
  container: string;
  image: string;
  imageId: string;
}

export interface VulnerabilityDetail extends Vulnerability {
  affected: AffectedImage[];
  running: RunningContainer[];
}

export interface MeteringDay {
  clusterId: string;
  day: string;
  vcores: number;
}

export interface Finding {
  id: string;
  imageId: string;
  vulnerabilityId: string;
  package: { purl: string; name: string; version: string };
  severity: Severity;
  fixedVersion?: string;
  title?: string;
  knownExploited?: KnownExploited;
  state: 'open' | 'fixed';
  firstSeen: string;
  fixedAt?: string;
}

export interface ScoreHistory {
  scope: 'overall' | 'account' | 'cluster';
  id?: string;
  from: string;
  points: { at: string; score: number; earned: number; max: number }[];
}

export interface AlertTrend {
  from: string;
  days: { day: string; counts: Partial<Record<Severity, number>> }[];
}

export type ExemptionCategory = 'mitigated' | 'risk_accepted' | 'false_positive';

export interface Recommendation {
  id: string;
  clusterId: string;
  check: string;
  title: string;
  severity: Severity;
  status: 'pass' | 'fail' | 'manual' | 'exempted';
  resource: { kind: string; namespace?: string; name: string };
  message: string;
  firstSeen: string;
  lastSeen: string;
  exemption?: {
    id: string;
    category: ExemptionCategory;
    reason: string;
    expiresAt?: string;
    clusterId?: string;
    scope: 'resource' | 'namespace' | 'check';
  };
}

export interface Exemption {
  id: string;
  clusterId?: string;
  check: string;
  resource?: string;
  namespace?: string;
  category: ExemptionCategory;
  reason: string;
  expiresAt?: string;
  createdBy: string;
  createdAt: string;
  state: 'active' | 'expired';
}

export type ControlStatus = 'failing' | 'passing' | 'exempted' | 'manual' | 'not_assessed';

export interface ComplianceCounts {
  passed: number;
  failed: number;
  exempted: number;
  manual: number;
}

export interface ComplianceCheck extends ComplianceCounts {
  id: string;
  title: string;
  severity: Severity;
  remediation: string;
}

export interface ComplianceControl extends ComplianceCounts {
  id: string;
  status: ControlStatus;
  score?: number;
  checks: ComplianceCheck[];
}

export interface ComplianceFramework {
  id: string;
  title: string;
  score?: number;
  controlsByStatus: Record<ControlStatus, number>;
  controls: ComplianceControl[];
}

export interface Compliance {
  clusters: { id: string; name: string; assessedAt?: string }[];
  frameworks: ComplianceFramework[];
}

export type SeverityCounts = Record<'critical' | 'high' | 'medium' | 'low', number>;

export interface ClusterInventory {
  id: string;
  name: string;
  source: string;
  accountId?: string;
  region?: string;
  lastAssessedAt?: string;
  nodes: number;
  vcpus: number;
  nodeGroups: number;
  workloads: number;
  failingRecommendations: number;
  openAlerts: number;
}

export interface InventorySummary {
  accounts: { accountId?: string; clusters: ClusterInventory[] }[];
  registries: {
    id: string;
    name: string;
    url: string;
    repositories: number;
    images: number;
    vulnerableImages: number;
  }[];
  totals: {
    clusters: number;
    nodes: number;
    vcpus: number;
    workloads: number;
    registries: number;
    images: number;
  };
}

export interface FleetNode {
  clusterId: string;
  clusterName: string;
  name: string;
  vcpus: number;
  cpuMillicores?: number;
  architecture?: string;
  operatingSystem?: string;
  osImage?: string;
  kubeletVersion?: string;
  instanceType?: string;
  nodeGroup?: string;
  capacityType?: string;
  zone?: string;
  problem?: string;
}

export interface NodeGroup {
  clusterId: string;
  nodeGroup?: string;
  nodes: number;
  vcpus: number;
  architectures: string[];
  capacityTypes: string[];
  instanceTypes: string[];
  zones: string[];
}

export interface FleetWorkload {
  clusterId: string;
  clusterName: string;
  kind: string;
  namespace: string;
  name: string;
  images: {
    container: string;
    image: string;
    digests: string[];
    scanned: {
      id: string;
      repository: string;
      digest: string;
      tags: string[];
      findings: SeverityCounts;
    }[];
  }[];
  findings: { critical: number; high: number };
}

export interface ImageRow extends Image {
  registryId: string;
  lastScannedAt?: string;
  findings: SeverityCounts;
}

export interface RepositoryRow {
  repository: string;
  images: number;
  lastScannedAt?: string;
}

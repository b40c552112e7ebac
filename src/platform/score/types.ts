/** One row of what the score is computed from; the store gathers them (`scoreInputs`). */
export interface ScoreInputs {
  clusters: readonly { id: string; name: string; accountId?: string }[];
  /** Results per check of each cluster's latest successful assessment. */
  checks: readonly {
    clusterId: string;
    checkId: string;
    severity: string;
    passed: number;
    failed: number;
    /** Of `failed`, the resources an active exemption covers (absent: none). */
    exempted?: number;
  }[];
  /** Alerts that are `new` or `in_progress`, counted per cluster and severity. */
  openAlerts: readonly { clusterId: string; severity: string; count: number }[];
  /** Images with a finished scan, and how many critical or high findings of theirs are open. */
  images: readonly ScannedImage[];
  /** The image references each cluster's workloads run. */
  workloads: readonly { clusterId: string; images: readonly string[] }[];
}

export interface ScannedImage {
  id: string;
  /** The registry's `host[:port]`, as an image reference spells it. */
  host: string;
  repository: string;
  digest: string;
  tags: readonly string[];
  severeOpen: number;
}

/** One control's share of a score. */
export interface ScoreControl {
  /** `posture:<check id>`, `images`, `alerts`. */
  id: string;
  max: number;
  earned: number;
  /** Resources (or images) that pass, and that fail; open alerts for `alerts`. */
  healthy: number;
  unhealthy: number;
  /** Posture controls only, when some are: failing resources exempted, left out of both counts. */
  exempted?: number;
}

export interface ScoreSummary {
  /** 0–100, one decimal: 100 × earned ÷ max; 100 when nothing is scored yet. */
  score: number;
  earned: number;
  max: number;
}

export interface ClusterScore extends ScoreSummary {
  clusterId: string;
  name: string;
  accountId?: string;
  controls: ScoreControl[];
}

export interface AccountScore extends ScoreSummary {
  accountId: string;
  clusters: string[];
}

export interface ScoreReport {
  overall: ScoreSummary & { controls: ScoreControl[] };
  accounts: AccountScore[];
  clusters: ClusterScore[];
}

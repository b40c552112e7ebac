import type { Alert } from '../../core/alert.js';

/**
 * Where `detect serve` sends alerts as they are raised. An alert is sent when it is first
 * raised, and again (same `id`, higher `count`) when repeats folded into it, at most once per
 * flush interval: a consumer keeps the latest record per id.
 */
export interface AlertOutput {
  readonly id: string;
  /** Sends a batch; resolves when it was delivered or finally given up on (and logged). */
  send(alerts: readonly Alert[]): Promise<void>;
  close(): Promise<void>;
}

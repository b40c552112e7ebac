import type { Alert } from '../core/alert.js';
import type { AlertOutput } from './output/types.js';

/**
 * Between the engine and the outputs of `detect serve`: a new alert goes out at once; repeats
 * folded into an alert go out as one updated record per flush. Sends are chained, so outputs
 * see batches in order and one at a time.
 */
export class AlertStream {
  private readonly dirty = new Map<string, Alert>();
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly outputs: readonly AlertOutput[],
    flushMs: number
  ) {
    this.timer = setInterval(() => this.flush(), flushMs);
    this.timer.unref();
  }

  /** The engine's `onAlert`. */
  readonly onAlert = (alert: Alert, first: boolean): void => {
    if (first) {
      this.dirty.delete(alert.id);
      this.enqueue([structuredClone(alert)]);
    } else {
      this.dirty.set(alert.id, alert);
    }
  };

  flush(): void {
    if (this.dirty.size === 0) {
      return;
    }
    const batch = [...this.dirty.values()].map((alert) => structuredClone(alert));
    this.dirty.clear();
    this.enqueue(batch);
  }

  private enqueue(batch: Alert[]): void {
    this.chain = this.chain.then(async () => {
      await Promise.all(this.outputs.map((output) => output.send(batch)));
    });
  }

  /** Sends what is pending and closes the outputs. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.flush();
    await this.chain;
    await Promise.all(this.outputs.map((output) => output.close()));
  }
}

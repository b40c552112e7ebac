/**
 * Publish ids seen within the last `windowMs`, like a JetStream stream's duplicate window, and
 * bounded in count as well so a flood of unique ids cannot grow it without end.
 */
export class DedupWindow {
  /** id → when it may be published again. Insertion order is expiry order: the window is fixed. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 100_000
  ) {}

  /** True when `id` was recorded within the window; otherwise records it and returns false. */
  isDuplicate(id: string, now = Date.now()): boolean {
    this.evictExpired(now);
    if (this.seen.has(id)) {
      return true;
    }
    this.seen.set(id, now + this.windowMs);
    if (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next();
      if (!oldest.done) {
        this.seen.delete(oldest.value);
      }
    }
    return false;
  }

  get size(): number {
    return this.seen.size;
  }

  private evictExpired(now: number): void {
    for (const [id, expiry] of this.seen) {
      if (expiry > now) {
        return;
      }
      this.seen.delete(id);
    }
  }
}

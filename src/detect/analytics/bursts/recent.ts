/**
 * Sliding windows over event time that hold no more than they must: to know whether `n`
 * events fell within a window, the last `n` times are enough.
 */
export class RecentTimes {
  private readonly times: number[] = [];

  constructor(private readonly keep: number) {}

  /** Adds `time`; how many kept times fall in `(time - windowMs, time]`. */
  add(time: number, windowMs: number): number {
    this.times.push(time);
    if (this.times.length > this.keep) {
      this.times.shift();
    }
    let count = 0;
    for (const seen of this.times) {
      if (seen > time - windowMs && seen <= time) {
        count += 1;
      }
    }
    return count;
  }
}

/** Distinct keys seen within the window, newest last, at most `keep` of them. */
export class RecentKeys {
  private readonly lastSeen = new Map<string, number>();

  constructor(private readonly keep: number) {}

  add(key: string, time: number, windowMs: number): number {
    this.lastSeen.delete(key);
    this.lastSeen.set(key, time);
    for (const [oldest, seen] of this.lastSeen) {
      if (this.lastSeen.size > this.keep || seen <= time - windowMs) {
        this.lastSeen.delete(oldest);
      } else {
        break;
      }
    }
    return this.lastSeen.size;
  }

  keys(): string[] {
    return [...this.lastSeen.keys()];
  }
}

export interface FailureLimit {
  /** Failed authentications one client IP may make per window; 20 by default. */
  max: number;
  /** The window, fixed from its first failure; a minute by default. */
  windowMs: number;
}

export const defaultFailureLimit: FailureLimit = { max: 20, windowMs: 60_000 };

/**
 * Counts failed authentications per client IP, in this process's memory: a fixed window per
 * IP, opened by its first failure. Several servers each count their own.
 */
export class FailureLimiter {
  private readonly windows = new Map<string, { start: number; failures: number }>();

  constructor(
    private readonly limit: FailureLimit,
    private readonly now: () => number = Date.now
  ) {}

  /** Seconds until `ip` may try again, or undefined when it may try now. */
  blocked(ip: string): number | undefined {
    const window = this.current(ip);
    if (window === undefined || window.failures < this.limit.max) {
      return undefined;
    }
    return Math.max(1, Math.ceil((window.start + this.limit.windowMs - this.now()) / 1000));
  }

  fail(ip: string): void {
    const window = this.current(ip);
    if (window === undefined) {
      this.sweep();
      this.windows.set(ip, { start: this.now(), failures: 1 });
    } else {
      window.failures += 1;
    }
  }

  private current(ip: string): { start: number; failures: number } | undefined {
    const window = this.windows.get(ip);
    if (window !== undefined && this.now() - window.start >= this.limit.windowMs) {
      this.windows.delete(ip);
      return undefined;
    }
    return window;
  }

  /** Drops expired windows now and then, so a scan from many addresses does not grow the map for ever. */
  private sweep(): void {
    if (this.windows.size < 10_000) {
      return;
    }
    const now = this.now();
    for (const [ip, window] of this.windows) {
      if (now - window.start >= this.limit.windowMs) {
        this.windows.delete(ip);
      }
    }
  }
}

/** Upper bounds of the request-duration histogram, in seconds. */
const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  buckets: number[];
  count: number;
  sum: number;
}

/** Requests by route and status, their durations by route, and audit events received. */
export class RequestCounter {
  private readonly counts = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();
  private readonly auditEvents = { accepted: 0, dropped: 0 };

  /** Audit events this server's webhooks queued, and dropped as over the job size. */
  addAuditEvents(accepted: number, dropped: number): void {
    this.auditEvents.accepted += accepted;
    this.auditEvents.dropped += dropped;
  }

  add(method: string, route: string, status: number, seconds?: number): void {
    const key = `${method}\u0000${route}\u0000${status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (seconds === undefined) {
      return;
    }
    const routeKey = `${method}\u0000${route}`;
    const histogram = this.durations.get(routeKey) ?? {
      buckets: durationBuckets.map(() => 0),
      count: 0,
      sum: 0,
    };
    durationBuckets.forEach((bound, index) => {
      if (seconds <= bound) {
        histogram.buckets[index] = (histogram.buckets[index] ?? 0) + 1;
      }
    });
    histogram.count += 1;
    histogram.sum += seconds;
    this.durations.set(routeKey, histogram);
  }

  /** Prometheus text lines of `palisade_http_requests_total` and the duration histogram. */
  lines(): string[] {
    const lines = [
      '# HELP palisade_http_requests_total HTTP requests answered, by route and status.',
      '# TYPE palisade_http_requests_total counter',
    ];
    for (const [key, count] of [...this.counts].sort(([a], [b]) => a.localeCompare(b))) {
      const [method, route, status] = key.split('\u0000');
      lines.push(
        `palisade_http_requests_total{method="${label(method)}",route="${label(route)}",status="${label(status)}"} ${count}`
      );
    }
    lines.push(
      '# HELP palisade_audit_events_received_total Audit events this server took through cluster webhooks, by outcome.',
      '# TYPE palisade_audit_events_received_total counter',
      `palisade_audit_events_received_total{outcome="accepted"} ${this.auditEvents.accepted}`,
      `palisade_audit_events_received_total{outcome="dropped"} ${this.auditEvents.dropped}`
    );
    const name = 'palisade_http_request_duration_seconds';
    lines.push(
      `# HELP ${name} Time to answer HTTP requests, by route.`,
      `# TYPE ${name} histogram`
    );
    for (const [key, histogram] of [...this.durations].sort(([a], [b]) => a.localeCompare(b))) {
      const [method, route] = key.split('\u0000');
      const labels = `method="${label(method)}",route="${label(route)}"`;
      durationBuckets.forEach((bound, index) => {
        lines.push(`${name}_bucket{${labels},le="${bound}"} ${histogram.buckets[index] ?? 0}`);
      });
      lines.push(
        `${name}_bucket{${labels},le="+Inf"} ${histogram.count}`,
        `${name}_sum{${labels}} ${histogram.sum}`,
        `${name}_count{${labels}} ${histogram.count}`
      );
    }
    return lines;
  }
}

function label(value: string | undefined): string {
  return (value ?? '').replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function gauge(name: string, help: string, value: number): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${value}`];
}

/** A gauge with one sample per label set: `name{key="value"} n`. */
export function labelledGauge(
  name: string,
  help: string,
  samples: readonly { labels: Record<string, string>; value: number }[]
): string[] {
  return [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} gauge`,
    ...samples.map(({ labels, value }) => {
      const text = Object.entries(labels)
        .map(([key, labelValue]) => `${key}="${label(labelValue)}"`)
        .join(',');
      return `${name}{${text}} ${value}`;
    }),
  ];
}

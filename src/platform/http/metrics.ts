/** Request counts by route and status, for `/metrics`. */
export class RequestCounter {
  private readonly counts = new Map<string, number>();

  add(method: string, route: string, status: number): void {
    const key = `${method}\u0000${route}\u0000${status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Prometheus text lines of `palisade_http_requests_total`. */
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
    return lines;
  }
}

function label(value: string | undefined): string {
  return (value ?? '').replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function gauge(name: string, help: string, value: number): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${value}`];
}

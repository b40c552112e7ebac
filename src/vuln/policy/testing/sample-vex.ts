/** An OpenVEX 0.2.0 document around the given statements, as JSON text. */
export function vexJson(statements: unknown[], overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': 'https://example.com/vex/app-1',
    author: 'Example Security <security@example.com>',
    timestamp: '2024-05-01T00:00:00Z',
    version: 1,
    statements,
    ...overrides,
  });
}

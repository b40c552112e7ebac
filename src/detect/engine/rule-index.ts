import type { AuditEvent } from '../audit/event.js';
import { resourcePath } from '../audit/fields.js';
import type { AuditRule } from '../rule/types.js';

/**
 * Which rules can match a request, by resource path and verb, worked out once per pair: a busy
 * cluster has a few hundred distinct pairs and millions of events, so each event costs one map
 * lookup instead of a test per rule.
 */
export class RuleIndex {
  private readonly byKey = new Map<string, readonly AuditRule[]>();

  constructor(private readonly rules: readonly AuditRule[]) {}

  rulesFor(event: AuditEvent): readonly AuditRule[] {
    const path = resourcePath(event);
    const key = `${path} ${event.verb}`;
    let found = this.byKey.get(key);
    if (found === undefined) {
      found = this.rules.filter((rule) => applies(rule, path, event.verb));
      // A hostile stream can make up resources without end; stop remembering, keep judging.
      if (this.byKey.size < 10_000) {
        this.byKey.set(key, found);
      }
    }
    return found;
  }
}

function applies(rule: AuditRule, path: string, verb: string): boolean {
  const verbs = rule.on.verbs;
  if (!verbs.includes('*') && !verbs.includes(verb)) {
    return false;
  }
  const resources = rule.on.resources;
  if (path === '-') {
    return resources.includes('-');
  }
  return resources.includes('*') || resources.includes(path);
}

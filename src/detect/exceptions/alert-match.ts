import type { Alert } from '../../core/alert.js';
import { compileException, type CompiledException } from './match.js';
import type { DetectionException } from './types.js';

/** An exception made ready to test stored alerts: the platform's suppression rules use it. */
export interface AlertExceptionMatcher {
  readonly exception: DetectionException;
  matches(alert: Alert): boolean;
}

/**
 * The images an alert's evidence names, or undefined when the evidence cannot vouch for all of
 * them: rules list at most ten (`(+N more)`) and clip long ones (`…`), and an exception on
 * images must cover every container, as the engine requires.
 */
function evidencedImages(alert: Alert): string[] | undefined {
  const listed = alert.evidence.fields['image'];
  if (listed === undefined || listed === '' || /\(\+\d+ more\)$|…/.test(listed)) {
    return undefined;
  }
  return listed.split(', ');
}

/** The same dimensions as `exceptionMatches` on an event, read from what the alert kept. */
function alertMatches(compiled: CompiledException, alert: Alert): boolean {
  const { identity, object } = alert;
  const tests: [RegExp | undefined, () => boolean][] = [
    [compiled.rules, () => compiled.rules?.test(alert.rule) === true],
    [compiled.users, () => compiled.users?.test(identity.username) === true],
    [compiled.groups, () => identity.groups.some((group) => compiled.groups?.test(group))],
    [
      compiled.serviceAccounts,
      () =>
        identity.serviceAccount !== undefined &&
        compiled.serviceAccounts?.test(
          `${identity.serviceAccount.namespace}/${identity.serviceAccount.name}`
        ) === true,
    ],
    [compiled.namespaces, () => compiled.namespaces?.test(object?.namespace ?? '') === true],
    [
      compiled.resources,
      () =>
        object !== undefined &&
        compiled.resources?.test(
          object.subresource !== undefined
            ? `${object.resource}/${object.subresource}`
            : object.resource
        ) === true,
    ],
    [compiled.names, () => compiled.names?.test(object?.name ?? '') === true],
    [compiled.userAgents, () => compiled.userAgents?.test(alert.userAgent ?? '') === true],
    [
      compiled.images,
      () => evidencedImages(alert)?.every((image) => compiled.images?.test(image)) === true,
    ],
  ];
  return tests.every(([pattern, test]) => pattern === undefined || test());
}

/**
 * Compiles an exception to test alerts after the fact (the engine tests events as they come).
 * Every dimension given must match; expiry is the caller's to check.
 */
export function alertExceptionMatcher(exception: DetectionException): AlertExceptionMatcher {
  const compiled = compileException(exception);
  return { exception, matches: (alert) => alertMatches(compiled, alert) };
}

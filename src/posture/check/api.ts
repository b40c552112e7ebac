import { checks as admission } from '../checks/admission/index.js';
import { checks as defender } from '../checks/defender/index.js';
import { checks as eks } from '../checks/eks/index.js';
import { checks as network } from '../checks/network/index.js';
import { checks as node } from '../checks/node/index.js';
import { checks as pss } from '../checks/pss/index.js';
import { checks as rbac } from '../checks/rbac/index.js';
import { checks as secrets } from '../checks/secrets/index.js';
import type { Check } from './types.js';

/**
 * Every check family, by folder name. Adding a check is a file in its family's folder and a
 * line in that folder's index; adding a family is one import and one line here.
 */
export const checkFamilies: ReadonlyMap<string, readonly Check[]> = new Map([
  ['pss', pss],
  ['defender', defender],
  ['network', network],
  ['rbac', rbac],
  ['eks', eks],
  ['node', node],
  ['secrets', secrets],
  ['admission', admission],
]);

/** Every check, by id. */
export const checks: ReadonlyMap<string, Check> = new Map(
  [...checkFamilies.values()].flat().map((check) => [check.id, check])
);

import type { Check } from '../../check/types.js';
import { check as podSecurityLabels } from './pod-security-labels.js';

/** What the cluster's admission control would refuse, read from the objects that configure it. */
export const checks: readonly Check[] = [podSecurityLabels];

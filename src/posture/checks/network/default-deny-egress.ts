import type { Check } from '../../check/types.js';
import { defaultDenyCheck } from './default-deny.js';

/** A default-deny egress policy in every namespace (`policyTypes` must name Egress for it). */
export const check: Check = defaultDenyCheck('Egress');

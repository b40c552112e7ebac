import type { Check } from '../../check/types.js';
import { defaultDenyCheck } from './default-deny.js';

/** A default-deny ingress policy in every namespace (`policyTypes` may be left out for it). */
export const check: Check = defaultDenyCheck('Ingress');

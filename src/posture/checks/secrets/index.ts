import type { Check } from '../../check/types.js';
import { check as envVars } from './env-vars.js';
import { check as externalStorage } from './external-storage.js';

/** CIS EKS 1.8.0 section 4.4, secrets management. */
export const checks: readonly Check[] = [envVars, externalStorage];

export { complianceView } from './gather.js';
export { buildComplianceView, controlStatuses } from './view.js';
export type {
  CheckDefinition,
  ComplianceCheck,
  ComplianceControl,
  ComplianceCounts,
  ComplianceFramework,
  ComplianceInputs,
  ComplianceView,
  ControlStatus,
} from './types.js';

export { type FlowNetwork, type MinCostFlowResult, optimalPotentials, solveMinCostFlow } from './min-cost-flow.js';
export {
  fullReason,
  type GlobalInfeasibilityCode,
  type Infeasibility,
  type InfeasibilityCause,
  type ProposalShortfall,
  type ProposalShortfallCode,
  type ReasonParams,
  type ReviewerShortfall,
  type ReviewerShortfallCode,
} from './report.js';
export {
  type AssignmentConstraints,
  type AssignmentInstance,
  type AssignmentInstanceInput,
  assignmentInstanceSchema,
  MAX_K,
} from './schema.js';
export {
  type AssignedPair,
  type AssignmentResult,
  DEFAULT_AFFINITY_SCALE,
  type SolveAssignmentOptions,
  solveAssignment,
} from './solve.js';

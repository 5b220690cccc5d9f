export { type FlowNetwork, type MinCostFlowResult, optimalPotentials, solveMinCostFlow } from './min-cost-flow.js';
export type { Infeasibility, ProposalShortfall, ReviewerShortfall } from './report.js';
export {
  type AssignmentConstraints,
  type AssignmentInstance,
  type AssignmentInstanceInput,
  assignmentInstanceSchema,
} from './schema.js';
export {
  type AssignedPair,
  type AssignmentResult,
  DEFAULT_AFFINITY_SCALE,
  type SolveAssignmentOptions,
  solveAssignment,
} from './solve.js';

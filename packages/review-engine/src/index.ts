// @kizuna/review-engine — pure algorithms of the review phase, shared by the worker, the API,
// the `npm run assign` command and the benchmarks. No database, no network.

// Reviewer–proposal affinity (TF-IDF cosine over an inverted index), explainable by matched terms.
export * from './affinity/index.js';
// Optimal reviewer assignment (min-cost flow): the instance schema, the solver and its result.
export * from './assignment/index.js';
// Calibration of reviewers' leniency (ridge least squares) and a synthetic review generator with a known truth.
export * from './calibration/index.js';
// Funding decisions under agency envelopes (exact multi-dimensional knapsack), with explanations.
export * from './funding/index.js';
// A seeded pseudo-random generator for synthetic data, tests and benchmarks.
export * from './random.js';

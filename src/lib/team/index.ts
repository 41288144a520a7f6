/**
 * The team logic's public API: configuration, presets, protocols, answers and budgets.
 * Engine-agnostic and browser-free; the UI supplies a TeamChat over its workers.
 */
export * from './config';
export * from './presets';
export * from './answers';
export * from './verdict';
export * from './budget';
export * from './prompts';
export * from './escalation';
export type * from './protocols/types';
export { runSide, loadProtocols } from './protocols/run-side';
export { runSolo } from './protocols/solo';
export { runReasonerAnswerer } from './protocols/reasoner-answerer';
export { runCriticLoop } from './protocols/critic-loop';
export { runGeneratorsJudge } from './protocols/generators-judge';
export { runSelfConsistency } from './protocols/self-consistency';
export { runEscalation } from './protocols/escalation';
export { samplingOf } from './protocols/runtime';

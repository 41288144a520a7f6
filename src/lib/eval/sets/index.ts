/** The question sets shipped with the playground, written for it (MIT, this project). */
import type { EvalSet } from '../types';
import { functionCallSet } from './function-calls';
import { mathSet } from './math';
import { multihopSet } from './multihop';
import { yesNoSet } from './yesno';

export { functionCallSet, mathSet, multihopSet, yesNoSet };

/** All shipped sets, in the order the UI lists them. */
export const shippedSets: readonly EvalSet[] = [multihopSet, mathSet, yesNoSet, functionCallSet];

/** The question sets shipped with the playground, written for it (MIT, this project). */
import { playgroundCodeSet } from '../../software/problems';
import { codeEvalSet, webAppEvalSet } from '../../software/software-item';
import type { EvalSet } from '../types';
import { functionCallSet } from './function-calls';
import { mathSet } from './math';
import { multihopSet } from './multihop';
import { yesNoSet } from './yesno';

export { functionCallSet, mathSet, multihopSet, yesNoSet };

/** The sets answered in words (the Arena asks their questions). */
export const questionSets: readonly EvalSet[] = [multihopSet, mathSet, yesNoSet, functionCallSet];

/** The software task sets: ten web apps, six small functions (scored by running the programs). */
export const webAppSet: EvalSet = webAppEvalSet();
export const codeSet: EvalSet = codeEvalSet(playgroundCodeSet);

/** All shipped sets, in the order the Benchmark tab lists them. */
export const shippedSets: readonly EvalSet[] = [...questionSets, webAppSet, codeSet];

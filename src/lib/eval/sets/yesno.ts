/**
 * Ten yes/no questions in the style of StrategyQA (the answer needs a small step of reasoning
 * over well-known, stable facts), written for this playground.
 */
import type { EvalItem, EvalSet } from '../types';

const questions: readonly [question: string, answer: 'yes' | 'no'][] = [
  ['Is the Pacific Ocean larger than the Atlantic Ocean?', 'yes'],
  ['Do three spiders have more legs in total than four cats?', 'yes'], // 24 against 16
  ['Does a standard chess set have fewer pieces than a chessboard has squares?', 'yes'], // 32, 64
  ['Does water at 50 degrees Celsius boil at sea level?', 'no'], // it boils at 100
  ['Did the Titanic sink before the first crewed Moon landing?', 'yes'], // 1912, 1969
  ['Does a triangle have more sides than a square?', 'no'], // 3 against 4
  ['Could a person born in 1990 have watched the first Moon landing live?', 'no'], // 1969
  ['Is Mount Everest taller than Mont Blanc?', 'yes'], // about 8,849 m against 4,806 m
  ['Do wild penguins live at the North Pole?', 'no'], // wild penguins live (almost) only south of the equator
  ['Does a year that is not a leap year have more than 360 days?', 'yes'], // 365
];

const items: EvalItem[] = questions.map(([question, answer], i) => ({
  id: `yesno-${String(i + 1).padStart(2, '0')}`,
  kind: 'yesno',
  question,
  answer,
}));

/** The shipped yes/no set. */
export const yesNoSet: EvalSet = {
  id: 'playground-yesno',
  name: 'Yes or no (10)',
  source: 'Written for this playground',
  licence: 'MIT (this project)',
  format: 'playground',
  items,
};

/**
 * Twenty grade-school word problems in the style of GSM8K, written for this playground. Every
 * answer is a whole number (one is negative); each was worked out by hand and checked again
 * (the working is in the comment beside it).
 */
import type { EvalItem, EvalSet } from '../types';

const problems: readonly [question: string, answer: number][] = [
  [
    'A baker makes 12 loaves of bread every morning. She sells 9 loaves each day and gives the rest to a shelter. How many loaves does she give to the shelter in a week?',
    21, // (12 - 9) * 7
  ],
  [
    'Tom has 45 marbles. He gives a third of them to his sister and then buys 8 more. How many marbles does Tom have now?',
    38, // 45 - 15 + 8
  ],
  [
    'A school bus has 11 rows of seats, and each row seats 4 children. If 37 children are on the bus, how many seats are empty?',
    7, // 11 * 4 - 37
  ],
  [
    'Maria buys 3 notebooks for $4 each and 2 pens for $1.50 each. She pays with a $20 bill. How much change does she get, in dollars?',
    5, // 20 - 12 - 3
  ],
  [
    'A garden has 6 rows of tomato plants with 8 plants in each row. Each plant gives 5 tomatoes. How many tomatoes does the garden give?',
    240, // 6 * 8 * 5
  ],
  [
    'Leo reads 15 pages of a book on Monday, twice as many on Tuesday, and 10 fewer than on Tuesday on Wednesday. How many pages does he read in the three days?',
    65, // 15 + 30 + 20
  ],
  [
    'A farmer has 28 chickens and 3 times as many ducks. He sells 20 ducks. How many birds does he have left?',
    92, // 28 + 84 - 20
  ],
  [
    'A water tank holds 500 litres. It is 40% full. How many more litres are needed to fill it?',
    300, // 500 - 200
  ],
  [
    'Sam earns $12 an hour. He works 6 hours a day, 5 days a week. How many dollars does he earn in 2 weeks?',
    720, // 12 * 6 * 5 * 2
  ],
  [
    'A pizza is cut into 8 slices. A family orders 3 pizzas and eats all but 5 of the slices. How many slices do they eat?',
    19, // 3 * 8 - 5
  ],
  [
    'Anna is 4 years older than her brother. In 3 years, the sum of their ages will be 30. How old is Anna now?',
    14, // brother b: (b + 4 + 3) + (b + 3) = 30, so b = 10 and Anna is 14
  ],
  [
    'A shop sells apples only in bags of 6. A restaurant needs at least 100 apples. What is the smallest number of bags it must buy?',
    17, // 16 bags hold 96 < 100, 17 bags hold 102
  ],
  [
    'A train leaves at 9:15 in the morning and arrives at 11:45 the same morning. How many minutes does the trip take?',
    150, // 2 h 30 min
  ],
  [
    'Jake has $50. He spends a fifth of it on a book and then half of what is left on a game. How many dollars does he have left?',
    20, // 50 - 10 = 40, 40 - 20 = 20
  ],
  [
    'A class has 24 students. Three eighths of them walk to school, a third of the rest come by bike, and the others come by bus. How many students come by bus?',
    10, // 9 walk, 15 left, 5 by bike, 10 by bus
  ],
  [
    'A rectangle is 14 cm long and 9 cm wide. What is its perimeter in centimetres?',
    46, // 2 * (14 + 9)
  ],
  [
    'Lucy saves $15 every week. She wants to buy a bike that costs $240, and she already has $60. How many weeks does she need to save?',
    12, // (240 - 60) / 15
  ],
  [
    'A library had 1,250 books. It bought 340 new books and gave away 175 old ones. How many books does it have now?',
    1415, // 1250 + 340 - 175
  ],
  [
    'The temperature was 6 degrees Celsius at noon and fell by 2 degrees every hour. What was the temperature, in degrees Celsius, 5 hours after noon?',
    -4, // 6 - 2 * 5
  ],
  [
    'A box holds 4 packs of cards with 52 cards in each pack. Ben has 3 boxes and loses 17 cards. How many cards does he have left?',
    607, // 3 * 4 * 52 - 17 = 624 - 17
  ],
];

const items: EvalItem[] = problems.map(([question, answer], i) => ({
  id: `math-${String(i + 1).padStart(2, '0')}`,
  kind: 'math',
  question,
  answer: String(answer),
  goldNumber: answer,
}));

/** The shipped grade-school math set. */
export const mathSet: EvalSet = {
  id: 'playground-math',
  name: 'Grade-school math (20)',
  source: 'Written for this playground',
  licence: 'MIT (this project)',
  format: 'playground',
  items,
};

/**
 * Twenty multi-hop questions in the shape of HotpotQA's distractor setting, written for this
 * playground. Most are about an invented region (Nordmark, with the towns of Halvik and Merrow),
 * so a model can only answer from the given paragraphs; a few use well-known, stable facts about
 * Paris, the Eiffel Tower and the Statue of Liberty. Each question comes with 4 to 6 paragraphs:
 * the supporting ones and distractors that share names or topics with them.
 */
import type { ContextParagraph, EvalItem, EvalSet, SupportingFact } from '../types';

/** Every paragraph the questions draw on, by title; each question picks some. */
const paragraphs: Readonly<Record<string, readonly string[]>> = {
  'Glasswater Library': [
    'The Glasswater Library is a public library in the town of Merrow.',
    'It was designed by the architect Ilse Varnholt and opened in 1962.',
    'Its reading room is lit by a large glass roof.',
  ],
  'Ilse Varnholt': [
    'Ilse Varnholt (1921–1998) was an architect known for public buildings with glass roofs.',
    'She was born in the port city of Halvik.',
    'From 1970 she taught at the Merrow School of Design.',
  ],
  Merrow: [
    'Merrow is a market town on the river Tane.',
    'It has about 30,000 inhabitants.',
    "The town's oldest building is the Corn Exchange, built in 1702.",
  ],
  Halvik: [
    'Halvik is a port city on the Grey Sea.',
    'It is the capital of the province of Nordmark.',
    'Its harbour is guarded by Halvik Lighthouse.',
  ],
  'Halvik Lighthouse': [
    'Halvik Lighthouse stands at the northern end of Halvik harbour.',
    'It was designed by the engineer Oskar Brandt and first lit in 1880.',
    'The tower is 41 metres tall.',
  ],
  'Oskar Brandt': [
    'Oskar Brandt (1838–1904) was an engineer born in Merrow.',
    'He built lighthouses and iron bridges along the coast of Nordmark.',
  ],
  'Tane (river)': [
    'The Tane is a river that flows through Merrow.',
    'It is 212 kilometres long.',
    'It empties into the Grey Sea.',
  ],
  Ossel: [
    'The Ossel is a river in the eastern hills of Nordmark.',
    'It is 148 kilometres long.',
    'Its source is Lake Verin.',
  ],
  'Lake Verin': [
    'Lake Verin is a mountain lake at an altitude of 1,340 metres.',
    'It feeds the river Ossel.',
  ],
  'Grey Sea': [
    'The Grey Sea is a shallow sea to the north of Nordmark.',
    'The Tane and several smaller rivers flow into it.',
  ],
  'The Lantern Keepers': [
    'The Lantern Keepers is a 1994 adventure film directed by Mara Solberg.',
    'It follows two children who restore an old lighthouse.',
    'The score was composed by Tomas Reike.',
  ],
  'Mara Solberg': [
    'Mara Solberg is a film director and screenwriter.',
    'She was born in 1958 in Halvik.',
    'Her first feature film was Salt Winter (1987).',
  ],
  'Tomas Reike': [
    'Tomas Reike is a composer of film music.',
    'He was born in 1949 in the village of Brenn.',
    'He plays the cello.',
  ],
  'Salt Winter': [
    'Salt Winter is a 1987 drama film.',
    'It was the first feature film directed by Mara Solberg.',
    'It was shot entirely on the island of Orsa.',
  ],
  Orsa: [
    'Orsa is a small island in the Grey Sea.',
    'It has a ferry connection to Halvik.',
    'About 600 people live on the island.',
  ],
  Brenn: [
    'Brenn is a village in the eastern hills, close to Lake Verin.',
    'It is known for its wooden church.',
  ],
  'Kasimir Dahl': [
    'Kasimir Dahl is a film director born in 1961.',
    'He directed the comedy The Long Ferry (1999).',
  ],
  'The Long Ferry': [
    'The Long Ferry is a 1999 comedy film directed by Kasimir Dahl.',
    'It is set on the ferry between Halvik and Orsa.',
  ],
  'Corvel Instruments': [
    'Corvel Instruments is a maker of scientific instruments.',
    'It was founded in 1921 by the brothers Anton and Leo Corvel.',
    'Its headquarters are in Merrow.',
  ],
  'Anton Corvel': [
    'Anton Corvel (1890–1962) was an instrument maker.',
    'In 1925 he invented the Corvel barometer, an aneroid barometer with a spiral dial.',
  ],
  'Pellham Works': [
    'Pellham Works is a maker of clocks and scientific instruments.',
    'It was founded in 1908 in Halvik.',
  ],
  'Eiffel Tower': [
    'The Eiffel Tower is a wrought-iron lattice tower in Paris, France.',
    'It was designed and built by the company of the engineer Gustave Eiffel.',
    'It was completed in 1889.',
  ],
  Paris: ['Paris is the capital and largest city of France.', 'It lies on the river Seine.'],
  Seine: [
    'The Seine is a river in northern France.',
    'It flows into the English Channel at Le Havre.',
  ],
  'Statue of Liberty': [
    'The Statue of Liberty is a copper statue on Liberty Island in New York Harbor.',
    'Its internal iron framework was designed by Gustave Eiffel.',
    'It was dedicated in 1886.',
  ],
  'Gustave Eiffel': [
    'Gustave Eiffel (1832–1923) was a French civil engineer.',
    'He was born in Dijon.',
  ],
  Dijon: ['Dijon is a city in eastern France.', 'It is known for its mustard.'],
  'Halvik Rovers': [
    'Halvik Rovers is a football club based in Halvik.',
    'The club was founded in 1897.',
    'It plays its home games at Quay Park.',
  ],
  'Merrow Athletic': [
    'Merrow Athletic is a football club from Merrow.',
    'It was founded in 1905.',
    'Its home ground is the Tanefield.',
  ],
  'Quay Park': ['Quay Park is a football stadium in Halvik.', 'It holds 18,500 spectators.'],
  Tanefield: [
    'The Tanefield is a football ground on the bank of the Tane in Merrow.',
    'It holds 9,200 spectators.',
  ],
  'The Salt Road': [
    'The Salt Road is a 1978 novel by Edda Lindqvist.',
    'It tells the story of a family of salt traders on Orsa.',
  ],
  'Edda Lindqvist': [
    'Edda Lindqvist (1930–2011) was a novelist and poet.',
    'She was born in Brenn.',
    'She won the Nordmark Book Prize in 1979 for The Salt Road.',
  ],
  'Nordmark Book Prize': [
    'The Nordmark Book Prize is an annual literary award.',
    'It was first awarded in 1951.',
    'The winner receives a silver quill.',
  ],
  'Jon Arvik': [
    'Jon Arvik (1925–1990) was a poet born in Halvik.',
    'He won the Nordmark Book Prize in 1962.',
  ],
  'Verin cheese': [
    "Verin cheese is a hard cheese made from sheep's milk.",
    'It is produced in the villages around Lake Verin.',
  ],
};

/** A question: its text, the paragraph titles shown (in order), its facts and its answer. */
interface Question {
  question: string;
  titles: string[];
  facts: [title: string, sentence: number][];
  answer: string;
}

const questions: readonly Question[] = [
  {
    question: 'In which city was the architect of the Glasswater Library born?',
    titles: ['Merrow', 'Glasswater Library', 'Halvik Lighthouse', 'Ilse Varnholt', 'Oskar Brandt'],
    facts: [
      ['Glasswater Library', 1],
      ['Ilse Varnholt', 1],
    ],
    answer: 'Halvik',
  },
  {
    question: 'Which river is longer, the Tane or the Ossel?',
    titles: ['Lake Verin', 'Tane (river)', 'Grey Sea', 'Ossel'],
    facts: [
      ['Tane (river)', 1],
      ['Ossel', 1],
    ],
    answer: 'Tane',
  },
  {
    question: 'Were Ilse Varnholt and Oskar Brandt born in the same place?',
    titles: ['Halvik', 'Oskar Brandt', 'Merrow', 'Ilse Varnholt', 'Halvik Lighthouse'],
    facts: [
      ['Ilse Varnholt', 1],
      ['Oskar Brandt', 0],
    ],
    answer: 'no',
  },
  {
    question: 'In which village was the composer of the score of The Lantern Keepers born?',
    titles: ['Mara Solberg', 'The Lantern Keepers', 'Brenn', 'Tomas Reike', 'Kasimir Dahl'],
    facts: [
      ['The Lantern Keepers', 2],
      ['Tomas Reike', 1],
    ],
    answer: 'Brenn',
  },
  {
    question:
      'On which island was the first feature film of the director of The Lantern Keepers shot?',
    titles: ['The Long Ferry', 'Salt Winter', 'The Lantern Keepers', 'Orsa', 'Mara Solberg'],
    facts: [
      ['The Lantern Keepers', 0],
      ['Mara Solberg', 2],
      ['Salt Winter', 2],
    ],
    answer: 'Orsa',
  },
  {
    question: 'Who was born first, Mara Solberg or Kasimir Dahl?',
    titles: ['Kasimir Dahl', 'The Lantern Keepers', 'Mara Solberg', 'The Long Ferry'],
    facts: [
      ['Mara Solberg', 1],
      ['Kasimir Dahl', 0],
    ],
    answer: 'Mara Solberg',
  },
  {
    question: 'In which town are the headquarters of the company that Anton Corvel co-founded?',
    titles: ['Pellham Works', 'Anton Corvel', 'Corvel Instruments', 'Halvik', 'Merrow'],
    facts: [
      ['Corvel Instruments', 1],
      ['Corvel Instruments', 2],
    ],
    answer: 'Merrow',
  },
  {
    question: 'Which company was founded earlier, Corvel Instruments or Pellham Works?',
    titles: ['Corvel Instruments', 'Halvik', 'Anton Corvel', 'Pellham Works'],
    facts: [
      ['Corvel Instruments', 1],
      ['Pellham Works', 1],
    ],
    answer: 'Pellham Works',
  },
  {
    question: 'What did one of the founders of Corvel Instruments invent in 1925?',
    titles: ['Oskar Brandt', 'Corvel Instruments', 'Pellham Works', 'Anton Corvel'],
    facts: [
      ['Corvel Instruments', 1],
      ['Anton Corvel', 1],
    ],
    answer: 'the Corvel barometer',
  },
  {
    question:
      "In which city was the engineer who designed the Statue of Liberty's iron framework born?",
    titles: ['Eiffel Tower', 'Statue of Liberty', 'Dijon', 'Paris', 'Gustave Eiffel'],
    facts: [
      ['Statue of Liberty', 1],
      ['Gustave Eiffel', 1],
    ],
    answer: 'Dijon',
  },
  {
    question: 'Which is older, the Eiffel Tower or the Statue of Liberty?',
    titles: ['Gustave Eiffel', 'Eiffel Tower', 'Paris', 'Statue of Liberty'],
    facts: [
      ['Eiffel Tower', 2],
      ['Statue of Liberty', 2],
    ],
    answer: 'the Statue of Liberty',
  },
  {
    question:
      'Into which body of water does the river that flows through the capital of France flow?',
    titles: ['Seine', 'Dijon', 'Eiffel Tower', 'Paris'],
    facts: [
      ['Paris', 0],
      ['Paris', 1],
      ['Seine', 1],
    ],
    answer: 'the English Channel',
  },
  {
    question: 'How many spectators does the home stadium of Halvik Rovers hold?',
    titles: ['Tanefield', 'Halvik Rovers', 'Merrow Athletic', 'Quay Park'],
    facts: [
      ['Halvik Rovers', 2],
      ['Quay Park', 1],
    ],
    answer: '18,500',
  },
  {
    question: 'Which football club is older, Halvik Rovers or Merrow Athletic?',
    titles: ['Merrow Athletic', 'Quay Park', 'Halvik', 'Halvik Rovers', 'Tanefield'],
    facts: [
      ['Halvik Rovers', 1],
      ['Merrow Athletic', 1],
    ],
    answer: 'Halvik Rovers',
  },
  {
    question: 'Are the home grounds of Halvik Rovers and Merrow Athletic in the same town?',
    titles: ['Halvik Rovers', 'Tanefield', 'Merrow', 'Quay Park', 'Merrow Athletic'],
    facts: [
      ['Halvik Rovers', 2],
      ['Quay Park', 0],
      ['Merrow Athletic', 2],
      ['Tanefield', 0],
    ],
    answer: 'no',
  },
  {
    question: 'In which village was the author of The Salt Road born?',
    titles: ['Jon Arvik', 'The Salt Road', 'Nordmark Book Prize', 'Edda Lindqvist', 'Brenn'],
    facts: [
      ['The Salt Road', 0],
      ['Edda Lindqvist', 1],
    ],
    answer: 'Brenn',
  },
  {
    question: 'Which lake is close to the birthplace of the author of The Salt Road?',
    titles: ['Orsa', 'Edda Lindqvist', 'Lake Verin', 'The Salt Road', 'Brenn'],
    facts: [
      ['The Salt Road', 0],
      ['Edda Lindqvist', 1],
      ['Brenn', 0],
    ],
    answer: 'Lake Verin',
  },
  {
    question: 'Who won the Nordmark Book Prize earlier, Edda Lindqvist or Jon Arvik?',
    titles: ['Nordmark Book Prize', 'Edda Lindqvist', 'The Salt Road', 'Jon Arvik'],
    facts: [
      ['Edda Lindqvist', 2],
      ['Jon Arvik', 1],
    ],
    answer: 'Jon Arvik',
  },
  {
    question:
      'Was the engineer who designed Halvik Lighthouse born in the town where the Glasswater Library stands?',
    titles: [
      'Ilse Varnholt',
      'Halvik Lighthouse',
      'Halvik',
      'Glasswater Library',
      'Oskar Brandt',
      'Merrow',
    ],
    facts: [
      ['Halvik Lighthouse', 1],
      ['Oskar Brandt', 0],
      ['Glasswater Library', 0],
    ],
    answer: 'yes',
  },
  {
    question:
      'From which animal’s milk is the cheese made that is produced around the lake where the Ossel has its source?',
    titles: ['Tane (river)', 'Verin cheese', 'Ossel', 'Brenn', 'Lake Verin'],
    facts: [
      ['Ossel', 2],
      ['Verin cheese', 0],
      ['Verin cheese', 1],
    ],
    answer: 'sheep',
  },
];

function paragraph(title: string): ContextParagraph {
  const sentences = paragraphs[title];
  if (sentences === undefined) throw new Error(`multihop set: no paragraph titled "${title}"`);
  return { title, sentences: [...sentences] };
}

const items: EvalItem[] = questions.map((q, i) => ({
  id: `multihop-${String(i + 1).padStart(2, '0')}`,
  kind: 'multihop',
  question: q.question,
  context: q.titles.map(paragraph),
  answer: q.answer,
  supportingFacts: q.facts.map(([title, sentence]): SupportingFact => ({ title, sentence })),
}));

/** The shipped multi-hop set (HotpotQA shape). */
export const multihopSet: EvalSet = {
  id: 'playground-multihop',
  name: 'Multi-hop questions (20)',
  source: 'Written for this playground',
  licence: 'MIT (this project)',
  format: 'playground',
  items,
};

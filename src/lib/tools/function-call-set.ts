/**
 * Forty function-calling questions in the style of the Berkeley Function-Calling Leaderboard
 * (BFCL), written for this playground: each gives the model some tools and expects particular
 * calls, scored structurally (score-calls.ts). Categories as BFCL's:
 *
 * - simple: one tool, one call;
 * - multiple: several tools, the right one called once;
 * - parallel: one tool, called several times in one reply;
 * - parallel-multiple: several tools, several calls;
 * - irrelevance: no tool applies, so the right reply calls none.
 *
 * Expected arguments list every acceptable value (BFCL's "possible answers"); `OMITTED` among
 * them means the argument may be left out: the empty string, as in BFCL's own possible-answer
 * files, so items stay plain JSON (they are kept in IndexedDB with a batch).
 */
import type { ToolSpec } from './types';

export type FunctionCallCategory =
  'simple' | 'multiple' | 'parallel' | 'parallel-multiple' | 'irrelevance';

/** Stands for "left out" among an argument's acceptable values (BFCL's convention). */
export const OMITTED = '';

export type AcceptableValue = string | number | boolean | readonly unknown[];

export interface ExpectedCall {
  name: string;
  /** Each argument's acceptable values. */
  arguments: Record<string, readonly AcceptableValue[]>;
}

export interface FunctionCallItem {
  id: string;
  category: FunctionCallCategory;
  question: string;
  tools: ToolSpec[];
  /** The calls a right reply makes, in any order; none for irrelevance. */
  expected: ExpectedCall[];
}

const str = (description: string, extra: { enum?: string[] } = {}) =>
  ({ type: 'string', description, ...extra }) as const;
const num = (description: string) => ({ type: 'number', description }) as const;
const int = (description: string, minimum?: number, maximum?: number) =>
  ({
    type: 'integer',
    description,
    ...(minimum !== undefined ? { minimum } : {}),
    ...(maximum !== undefined ? { maximum } : {}),
  }) as const;

function tool(
  name: string,
  description: string,
  properties: ToolSpec['parameters']['properties'],
  required: string[],
): ToolSpec {
  return {
    name,
    description,
    parameters: { type: 'object', properties, required, additionalProperties: false },
  };
}

const weather = tool(
  'get_weather',
  'Current weather in a city.',
  {
    city: str('City name, e.g. "Lisbon".'),
    unit: str('Temperature unit.', { enum: ['celsius', 'fahrenheit'] }),
  },
  ['city'],
);
const convert = tool(
  'convert_currency',
  'Converts an amount of money between currencies (ISO codes).',
  {
    amount: num('Amount to convert.'),
    from: str('ISO code of the currency converted from, e.g. "EUR".'),
    to: str('ISO code of the currency converted to.'),
  },
  ['amount', 'from', 'to'],
);
const area = tool(
  'circle_area',
  'Area of a circle.',
  { radius: num('Radius.'), unit: str('Length unit of the radius, e.g. "cm".') },
  ['radius'],
);
const timer = tool(
  'set_timer',
  'Sets a countdown timer.',
  { minutes: int('Length in minutes.', 1, 600), label: str('What the timer is for.') },
  ['minutes'],
);
const email = tool(
  'send_email',
  'Sends an email.',
  {
    to: str('Recipient address.'),
    subject: str('Subject line.'),
    body: str('Message text.'),
  },
  ['to', 'subject', 'body'],
);
const flights = tool(
  'search_flights',
  'Searches flights between two airports on a date.',
  {
    origin: str('IATA code of the departure airport, e.g. "LIS".'),
    destination: str('IATA code of the arrival airport.'),
    date: str('Date, YYYY-MM-DD.'),
    passengers: int('Number of passengers.', 1, 9),
  },
  ['origin', 'destination', 'date'],
);
const stock = tool(
  'get_stock_price',
  'Latest price of a listed company by ticker.',
  { ticker: str('Ticker symbol, e.g. "AAPL".') },
  ['ticker'],
);
const translate = tool(
  'translate',
  'Translates text into a language.',
  { text: str('Text to translate.'), target: str('ISO 639-1 code of the target language.') },
  ['text', 'target'],
);
const bmi = tool(
  'body_mass_index',
  'Body-mass index from weight and height.',
  { weight_kg: num('Weight in kilograms.'), height_m: num('Height in metres.') },
  ['weight_kg', 'height_m'],
);
const reminder = tool(
  'create_reminder',
  'Creates a reminder at a date and time.',
  { text: str('What to be reminded of.'), when: str('Date and time, YYYY-MM-DD HH:MM.') },
  ['text', 'when'],
);

const call = (name: string, args: ExpectedCall['arguments']): ExpectedCall => ({
  name,
  arguments: args,
});

export const FUNCTION_CALL_SET: FunctionCallItem[] = [
  // simple
  {
    id: 'simple-1',
    category: 'simple',
    question: "What's the weather in Lisbon right now?",
    tools: [weather],
    expected: [call('get_weather', { city: ['Lisbon'], unit: [OMITTED, 'celsius'] })],
  },
  {
    id: 'simple-2',
    category: 'simple',
    question: 'Convert 250 euros to US dollars.',
    tools: [convert],
    expected: [call('convert_currency', { amount: [250], from: ['EUR'], to: ['USD'] })],
  },
  {
    id: 'simple-3',
    category: 'simple',
    question: 'What is the area of a circle with a radius of 4 cm?',
    tools: [area],
    expected: [call('circle_area', { radius: [4], unit: ['cm', OMITTED] })],
  },
  {
    id: 'simple-4',
    category: 'simple',
    question: 'Set a timer for 25 minutes for my tea.',
    tools: [timer],
    expected: [call('set_timer', { minutes: [25], label: ['tea', 'my tea', OMITTED] })],
  },
  {
    id: 'simple-5',
    category: 'simple',
    question: 'Find flights from Lisbon (LIS) to Berlin (BER) on 2026-03-14 for 2 people.',
    tools: [flights],
    expected: [
      call('search_flights', {
        origin: ['LIS'],
        destination: ['BER'],
        date: ['2026-03-14'],
        passengers: [2],
      }),
    ],
  },
  {
    id: 'simple-6',
    category: 'simple',
    question: "What's Apple's stock price? Its ticker is AAPL.",
    tools: [stock],
    expected: [call('get_stock_price', { ticker: ['AAPL'] })],
  },
  {
    id: 'simple-7',
    category: 'simple',
    question: "Translate 'good morning' into Spanish.",
    tools: [translate],
    expected: [call('translate', { text: ['good morning'], target: ['es'] })],
  },
  {
    id: 'simple-8',
    category: 'simple',
    question: 'I weigh 70 kg and I am 1.75 m tall. What is my BMI?',
    tools: [bmi],
    expected: [call('body_mass_index', { weight_kg: [70], height_m: [1.75] })],
  },
  {
    id: 'simple-9',
    category: 'simple',
    question: 'Email ana@example.com with the subject "Lunch" saying "See you at noon."',
    tools: [email],
    expected: [
      call('send_email', {
        to: ['ana@example.com'],
        subject: ['Lunch'],
        body: ['See you at noon.', 'See you at noon'],
      }),
    ],
  },
  {
    id: 'simple-10',
    category: 'simple',
    question: 'Remind me to call the dentist on 2026-05-02 at 09:30.',
    tools: [reminder],
    expected: [
      call('create_reminder', {
        text: ['call the dentist', 'Call the dentist'],
        when: ['2026-05-02 09:30'],
      }),
    ],
  },
  // multiple
  {
    id: 'multiple-1',
    category: 'multiple',
    question: 'How warm is it in Oslo, in fahrenheit?',
    tools: [convert, weather, timer],
    expected: [call('get_weather', { city: ['Oslo'], unit: ['fahrenheit'] })],
  },
  {
    id: 'multiple-2',
    category: 'multiple',
    question: 'How many Japanese yen is 80 British pounds?',
    tools: [weather, convert, stock],
    expected: [call('convert_currency', { amount: [80], from: ['GBP'], to: ['JPY'] })],
  },
  {
    id: 'multiple-3',
    category: 'multiple',
    question: 'What does Microsoft (MSFT) trade at now?',
    tools: [stock, translate, convert],
    expected: [call('get_stock_price', { ticker: ['MSFT'] })],
  },
  {
    id: 'multiple-4',
    category: 'multiple',
    question: 'Give me a 10 minute timer for the pasta.',
    tools: [reminder, timer, email],
    expected: [call('set_timer', { minutes: [10], label: ['pasta', 'the pasta', OMITTED] })],
  },
  {
    id: 'multiple-5',
    category: 'multiple',
    question: "Translate 'thank you very much' into German.",
    tools: [email, translate, weather],
    expected: [call('translate', { text: ['thank you very much'], target: ['de'] })],
  },
  {
    id: 'multiple-6',
    category: 'multiple',
    question: 'A circle has a radius of 2.5 m. What is its area?',
    tools: [bmi, area, convert],
    expected: [call('circle_area', { radius: [2.5], unit: ['m', OMITTED] })],
  },
  {
    id: 'multiple-7',
    category: 'multiple',
    question: 'Search for one seat from Porto (OPO) to Paris (CDG) on 2026-07-01.',
    tools: [weather, flights, reminder],
    expected: [
      call('search_flights', {
        origin: ['OPO'],
        destination: ['CDG'],
        date: ['2026-07-01'],
        passengers: [1, OMITTED],
      }),
    ],
  },
  {
    id: 'multiple-8',
    category: 'multiple',
    question: 'Compute the BMI of someone who weighs 82.5 kg and is 1.8 m tall.',
    tools: [area, bmi, timer],
    expected: [call('body_mass_index', { weight_kg: [82.5], height_m: [1.8] })],
  },
  {
    id: 'multiple-9',
    category: 'multiple',
    question: 'Remind me to water the plants on 2026-04-10 at 18:00.',
    tools: [timer, email, reminder],
    expected: [
      call('create_reminder', {
        text: ['water the plants', 'Water the plants'],
        when: ['2026-04-10 18:00'],
      }),
    ],
  },
  {
    id: 'multiple-10',
    category: 'multiple',
    question: 'Send bo@example.org an email with subject "Report" and body "Attached."',
    tools: [translate, reminder, email],
    expected: [
      call('send_email', {
        to: ['bo@example.org'],
        subject: ['Report'],
        body: ['Attached.', 'Attached'],
      }),
    ],
  },
  // parallel
  {
    id: 'parallel-1',
    category: 'parallel',
    question: 'What is the weather in Rome and in Madrid?',
    tools: [weather],
    expected: [
      call('get_weather', { city: ['Rome'], unit: [OMITTED, 'celsius'] }),
      call('get_weather', { city: ['Madrid'], unit: [OMITTED, 'celsius'] }),
    ],
  },
  {
    id: 'parallel-2',
    category: 'parallel',
    question: 'Give me the prices of AAPL, NVDA and TSLA.',
    tools: [stock],
    expected: [
      call('get_stock_price', { ticker: ['AAPL'] }),
      call('get_stock_price', { ticker: ['NVDA'] }),
      call('get_stock_price', { ticker: ['TSLA'] }),
    ],
  },
  {
    id: 'parallel-3',
    category: 'parallel',
    question: 'Convert 100 USD to EUR and 100 USD to GBP.',
    tools: [convert],
    expected: [
      call('convert_currency', { amount: [100], from: ['USD'], to: ['EUR'] }),
      call('convert_currency', { amount: [100], from: ['USD'], to: ['GBP'] }),
    ],
  },
  {
    id: 'parallel-4',
    category: 'parallel',
    question: 'Areas of circles with radius 1, 2 and 3?',
    tools: [area],
    expected: [1, 2, 3].map((r) => call('circle_area', { radius: [r], unit: [OMITTED] })),
  },
  {
    id: 'parallel-5',
    category: 'parallel',
    question: "Translate 'hello' into French and into Italian.",
    tools: [translate],
    expected: [
      call('translate', { text: ['hello'], target: ['fr'] }),
      call('translate', { text: ['hello'], target: ['it'] }),
    ],
  },
  {
    id: 'parallel-6',
    category: 'parallel',
    question: 'Set two timers: 5 minutes for eggs and 12 minutes for rice.',
    tools: [timer],
    expected: [
      call('set_timer', { minutes: [5], label: ['eggs', OMITTED] }),
      call('set_timer', { minutes: [12], label: ['rice', OMITTED] }),
    ],
  },
  {
    id: 'parallel-7',
    category: 'parallel',
    question: 'BMI for 60 kg at 1.6 m, and for 90 kg at 1.9 m?',
    tools: [bmi],
    expected: [
      call('body_mass_index', { weight_kg: [60], height_m: [1.6] }),
      call('body_mass_index', { weight_kg: [90], height_m: [1.9] }),
    ],
  },
  {
    id: 'parallel-8',
    category: 'parallel',
    question: 'Weather in Tokyo in celsius and in New York in fahrenheit.',
    tools: [weather],
    expected: [
      call('get_weather', { city: ['Tokyo'], unit: ['celsius'] }),
      call('get_weather', { city: ['New York'], unit: ['fahrenheit'] }),
    ],
  },
  // parallel-multiple
  {
    id: 'parallel-multiple-1',
    category: 'parallel-multiple',
    question: "What's the weather in Dublin, and what is MSFT trading at?",
    tools: [weather, stock],
    expected: [
      call('get_weather', { city: ['Dublin'], unit: [OMITTED, 'celsius'] }),
      call('get_stock_price', { ticker: ['MSFT'] }),
    ],
  },
  {
    id: 'parallel-multiple-2',
    category: 'parallel-multiple',
    question: "Set a 15 minute timer for the oven and translate 'dinner is ready' into Portuguese.",
    tools: [timer, translate],
    expected: [
      call('set_timer', { minutes: [15], label: ['oven', 'the oven', OMITTED] }),
      call('translate', { text: ['dinner is ready'], target: ['pt'] }),
    ],
  },
  {
    id: 'parallel-multiple-3',
    category: 'parallel-multiple',
    question: 'Convert 40 CHF to EUR and tell me the area of a circle of radius 10.',
    tools: [convert, area, weather],
    expected: [
      call('convert_currency', { amount: [40], from: ['CHF'], to: ['EUR'] }),
      call('circle_area', { radius: [10], unit: [OMITTED] }),
    ],
  },
  {
    id: 'parallel-multiple-4',
    category: 'parallel-multiple',
    question:
      'Email joe@example.com with subject "Trip" and body "Booked.", and remind me to pack on 2026-08-01 at 20:00.',
    tools: [email, reminder, timer],
    expected: [
      call('send_email', {
        to: ['joe@example.com'],
        subject: ['Trip'],
        body: ['Booked.', 'Booked'],
      }),
      call('create_reminder', { text: ['pack', 'Pack'], when: ['2026-08-01 20:00'] }),
    ],
  },
  {
    id: 'parallel-multiple-5',
    category: 'parallel-multiple',
    question: 'Find flights from MAD to LHR on 2026-09-09, and get the weather in London.',
    tools: [flights, weather, stock],
    expected: [
      call('search_flights', {
        origin: ['MAD'],
        destination: ['LHR'],
        date: ['2026-09-09'],
        passengers: [OMITTED, 1],
      }),
      call('get_weather', { city: ['London'], unit: [OMITTED, 'celsius'] }),
    ],
  },
  {
    id: 'parallel-multiple-6',
    category: 'parallel-multiple',
    question: 'What is the BMI for 75 kg and 1.7 m, and what is the price of AMZN?',
    tools: [bmi, stock, convert],
    expected: [
      call('body_mass_index', { weight_kg: [75], height_m: [1.7] }),
      call('get_stock_price', { ticker: ['AMZN'] }),
    ],
  },
  // irrelevance
  {
    id: 'irrelevance-1',
    category: 'irrelevance',
    question: 'Who wrote the novel "Pride and Prejudice"?',
    tools: [weather, stock],
    expected: [],
  },
  {
    id: 'irrelevance-2',
    category: 'irrelevance',
    question: 'What is 17 times 3?',
    tools: [translate, email],
    expected: [],
  },
  {
    id: 'irrelevance-3',
    category: 'irrelevance',
    question: 'Write a haiku about autumn.',
    tools: [convert, timer],
    expected: [],
  },
  {
    id: 'irrelevance-4',
    category: 'irrelevance',
    question: 'What is the capital of Canada?',
    tools: [flights, reminder],
    expected: [],
  },
  {
    id: 'irrelevance-5',
    category: 'irrelevance',
    question: 'Explain what photosynthesis is in one sentence.',
    tools: [bmi, area],
    expected: [],
  },
  {
    id: 'irrelevance-6',
    category: 'irrelevance',
    question: 'How many legs does a spider have?',
    tools: [stock, weather, email],
    expected: [],
  },
];

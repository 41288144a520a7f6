/**
 * Web-app tasks written for this playground: what the model is asked for, the requirements as
 * the prompt states them, and the checker's steps for each. Steps find fields by label,
 * placeholder, aria-label, name or type and buttons by their text, trying the usual words in
 * turn, so that the many reasonable ways of writing the same app pass.
 */
import type { CheckStep, Requirement } from './checker';

export interface WebAppTask {
  id: string;
  title: string;
  /** The title the app itself must show ("My Tasks"), as the prompt asks for it. */
  appTitle: string;
  /** What the model is asked, the requirements listed. */
  prompt: string;
  requirements: Requirement[];
}

const PREAMBLE =
  'Write a complete web app in a single HTML file, with its CSS in a <style> element and its ' +
  'JavaScript in a <script> element. Use no external files, libraries, fonts, images or network ' +
  'requests, and no storage. Give every input a <label> and every button a clear text. Reply with ' +
  'the whole file in one ```html code block.';

function task(id: string, title: string, ask: string, requirements: Requirement[]): WebAppTask {
  const list = requirements.map((r, i) => `${i + 1}. ${r.text}`).join('\n');
  const appTitle = /titled "([^"]+)"/.exec(ask)?.[1];
  if (!appTitle) throw new Error(`Web-app task ${id}: its ask names no title.`);
  const prompt = `${PREAMBLE}\n\n${ask}\n\nRequirements:\n${list}`;
  return { id, title, appTitle, prompt, requirements };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const shows = (text: string): CheckStep => ({
  expect: 'text',
  matches: new RegExp(escape(text), 'i'),
  describe: `that the app shows "${text}"`,
});
const showsNumber = (pattern: string, describe: string): CheckStep => ({
  expect: 'text',
  matches: new RegExp(`(^|[^\\d.])${pattern}([^\\d]|$)`),
  describe,
});

/* ------------------------------------------------------------------ to-do */

const TASK_FIELD = [
  'new task',
  'task',
  'to-do',
  'todo',
  'item',
  'add',
  'input[type=text]',
  'input:not([type])',
];

/** Adds an item: types it, presses Enter, and clicks an Add button if that did not add it. */
const addItem = (text: string): CheckStep[] => [
  { do: 'type', target: TASK_FIELD, text },
  { do: 'press', key: 'Enter' },
  {
    do: 'unlessShown',
    text,
    steps: [{ do: 'click', target: ['Add', 'Add task', 'Add item', 'Add to-do', '+', 'Submit'] }],
  },
];

/** The to-do app under `title` (the default task, "My Tasks"). */
export function todoTask(title = 'My Tasks'): WebAppTask {
  return task('todo', `To-do app: ${title}`, `Make a to-do list app titled "${title}".`, [
    { id: 'title', text: `The page shows the title "${title}".`, steps: [shows(title)] },
    {
      id: 'add',
      text: 'Typing a task into a text field and pressing Enter or an "Add" button adds it to the list.',
      steps: [
        ...addItem('Buy milk'),
        shows('Buy milk'),
        ...addItem('Walk the dog'),
        shows('Walk the dog'),
        shows('Buy milk'),
      ],
    },
    {
      id: 'check',
      text: 'Each task has a checkbox that marks it done (shown checked or struck through).',
      steps: [
        ...addItem('Buy milk'),
        ...addItem('Walk the dog'),
        {
          do: 'click',
          target: [
            'input[type=checkbox]',
            'Done',
            'Complete',
            'Mark done',
            'Toggle',
            '✓',
            '✔',
            'Buy milk',
          ],
          within: 'Buy milk',
        },
        { expect: 'done', item: 'Buy milk' },
        { expect: 'notDone', item: 'Walk the dog' },
      ],
    },
    {
      id: 'edit',
      text: 'Each task has an "Edit" button to change its text.',
      steps: [
        ...addItem('Buy milk'),
        { do: 'answerDialogs', prompt: 'Buy oat milk' },
        { do: 'click', target: ['Edit', 'Rename', 'Change', '✏️', '✏', '✎'], within: 'Buy milk' },
        {
          do: 'unlessShown',
          text: 'Buy oat milk',
          steps: [
            {
              do: 'type',
              target: ['input:not([type=checkbox])', 'textarea', '[contenteditable]'],
              text: 'Buy oat milk',
              within: 'Buy milk',
            },
            { do: 'press', key: 'Enter' },
            {
              do: 'unlessShown',
              text: 'Buy oat milk',
              steps: [
                {
                  do: 'click',
                  target: ['Save', 'Update', 'OK', 'Done', '✓', '✔'],
                  within: 'Buy oat milk',
                },
              ],
            },
          ],
        },
        shows('Buy oat milk'),
      ],
    },
    {
      id: 'delete',
      text: 'Each task has a "Delete" button that removes it from the list.',
      steps: [
        ...addItem('Buy milk'),
        ...addItem('Walk the dog'),
        {
          do: 'click',
          target: ['Delete', 'Remove', '🗑️', '🗑', '×', '✕', '✖', 'x'],
          within: 'Buy milk',
        },
        { expect: 'noText', matches: /Buy milk/i, describe: 'that "Buy milk" is gone' },
        shows('Walk the dog'),
      ],
    },
  ]);
}

/* ------------------------------------------------------------------ the others */

const CALCULATE = ['Calculate', 'Convert', 'Compute', 'Count', '='];
/** Clicks a Calculate-like button unless the expected result already shows (live updates). */
const calculateUnless = (text: string): CheckStep => ({
  do: 'unlessShown',
  text,
  steps: [{ do: 'click', target: CALCULATE }],
});

const counter = task('counter', 'Counter', 'Make a counter app titled "Counter".', [
  {
    id: 'start',
    text: 'It shows a count that starts at 0.',
    steps: [showsNumber('0', 'that the count shows 0')],
  },
  {
    id: 'up-down',
    text: 'A "+" button adds 1 and a "-" button takes 1 away.',
    steps: [
      { do: 'click', target: ['+', 'Increment', 'Increase', '+1', 'Add'] },
      { do: 'click', target: ['+', 'Increment', 'Increase', '+1', 'Add'] },
      { do: 'click', target: ['+', 'Increment', 'Increase', '+1', 'Add'] },
      showsNumber('3', 'that the count shows 3 after three clicks on +'),
      { do: 'click', target: ['-', '−', 'Decrement', 'Decrease', '-1', 'Subtract'] },
      showsNumber('2', 'that the count shows 2 after one click on -'),
    ],
  },
  {
    id: 'reset',
    text: 'A "Reset" button sets the count back to 0.',
    steps: [
      { do: 'click', target: ['+', 'Increment', 'Increase', '+1', 'Add'] },
      { do: 'click', target: ['Reset', 'Clear'] },
      showsNumber('0', 'that the count shows 0 after Reset'),
    ],
  },
]);

const unitConverter = task(
  'unit-converter',
  'Unit converter',
  'Make a kilometres to miles converter titled "Unit Converter".',
  [
    {
      id: 'km-miles',
      text: 'Entering a distance in kilometres shows it in miles (1 km = 0.621371 miles), to at least two decimals.',
      steps: [
        {
          do: 'type',
          target: ['Kilometers', 'Kilometres', 'km', 'Distance', 'input[type=number]', 'input'],
          text: '10',
        },
        calculateUnless('6.21'),
        showsNumber('6\\.21\\d*', 'that 10 km shows as 6.21 miles'),
      ],
    },
  ],
);

const tipCalculator = task(
  'tip',
  'Tip calculator',
  'Make a tip calculator titled "Tip Calculator".',
  [
    {
      id: 'tip-total',
      text: 'Entering the bill amount and a tip percentage shows the tip and the total (a 20% tip on 50 is 10, total 60).',
      steps: [
        { do: 'type', target: ['Bill', 'Bill amount', 'Amount', 'Total'], text: '50' },
        {
          do: 'type',
          target: ['Tip', 'Tip %', 'Tip percentage', 'Percent', 'Percentage'],
          text: '20',
        },
        calculateUnless('60'),
        showsNumber('10(\\.00?)?', 'that the tip shows 10'),
        showsNumber('60(\\.00?)?', 'that the total shows 60'),
      ],
    },
  ],
);

const temperature = task(
  'temperature',
  'Temperature converter',
  'Make a Celsius to Fahrenheit converter titled "Temperature Converter".',
  [
    {
      id: 'c-to-f',
      text: 'Entering a temperature in Celsius shows it in Fahrenheit (100 °C is 212 °F, 37 °C is 98.6 °F).',
      steps: [
        { do: 'type', target: ['Celsius', '°C', 'input[type=number]', 'input'], text: '37' },
        calculateUnless('98.6'),
        showsNumber('98\\.60*', 'that 37 °C shows as 98.6 °F'),
      ],
    },
  ],
);

const wordCounter = task(
  'word-counter',
  'Word counter',
  'Make a word counter titled "Word Counter".',
  [
    {
      id: 'words',
      text: 'Typing text into a text area shows how many words it has.',
      steps: [
        { do: 'type', target: ['textarea', 'Text', 'input'], text: 'the quick brown fox jumps' },
        calculateUnless('5'),
        showsNumber('5', 'that five words count as 5'),
      ],
    },
    {
      id: 'characters',
      text: 'It also shows how many characters the text has, spaces included.',
      steps: [
        { do: 'type', target: ['textarea', 'Text', 'input'], text: 'hello world' },
        calculateUnless('11'),
        showsNumber('11', 'that "hello world" counts as 11 characters'),
      ],
    },
  ],
);

const START = ['Start', '▶', 'Play', 'Go'];
const STOP = ['Stop', 'Pause', '⏸', '■'];
const stopwatch = task('stopwatch', 'Stopwatch', 'Make a stopwatch titled "Stopwatch".', [
  {
    id: 'start',
    text: 'A "Start" button starts the time running on the display (tenths or hundredths of a second).',
    steps: [
      { do: 'remember' },
      { do: 'click', target: START },
      { do: 'wait', ms: 1200 },
      { expect: 'changed', describe: 'that the time shown changes after Start' },
    ],
  },
  {
    id: 'stop',
    text: 'A "Stop" button stops it.',
    steps: [
      { do: 'click', target: START },
      { do: 'wait', ms: 300 },
      { do: 'click', target: STOP },
      { do: 'remember' },
      { do: 'wait', ms: 500 },
      { expect: 'unchanged', describe: 'that the time shown stays after Stop' },
    ],
  },
  {
    id: 'reset',
    text: 'A "Reset" button sets it back to zero.',
    steps: [
      { do: 'click', target: START },
      { do: 'wait', ms: 300 },
      { do: 'click', target: STOP },
      { do: 'click', target: ['Reset', 'Clear'] },
      {
        expect: 'text',
        matches: /(^|\D)0+([:.]0+)+(\D|$)|(^|\D)0(\D|$)/,
        describe: 'that the time shows zero',
      },
    ],
  },
]);

const colorPicker = task(
  'color',
  'Color picker preview',
  'Make a color picker titled "Color Preview".',
  [
    {
      id: 'hex',
      text: 'An <input type="color"> picks a color; the page shows its hex code (such as #ff0000) and a box filled with it.',
      steps: [
        { do: 'type', target: ['input[type=color]', 'Color', 'Colour'], text: '#ff0000' },
        { expect: 'text', matches: /#?ff0000/i, describe: 'that the hex code #ff0000 is shown' },
      ],
    },
  ],
);

const calculator = task(
  'calculator',
  'Simple calculator',
  'Make a simple calculator titled "Calculator".',
  [
    {
      id: 'add',
      text: 'Buttons for the digits 0-9, "+", "-", "×" (or "*"), "÷" (or "/"), "=" and "C"; 7 + 8 = shows 15.',
      steps: [
        { do: 'click', target: '7' },
        { do: 'click', target: '+' },
        { do: 'click', target: '8' },
        { do: 'click', target: '=' },
        showsNumber('15', 'that 7 + 8 = shows 15'),
      ],
    },
    {
      id: 'multiply',
      text: '9 × 6 = shows 54.',
      steps: [
        { do: 'click', target: '9' },
        { do: 'click', target: ['×', '*', 'x', '✕'] },
        { do: 'click', target: '6' },
        { do: 'click', target: '=' },
        showsNumber('54', 'that 9 × 6 = shows 54'),
      ],
    },
  ],
);

const bmi = task(
  'bmi',
  'BMI calculator',
  'Make a body mass index calculator titled "BMI Calculator".',
  [
    {
      id: 'bmi',
      text: 'Entering a weight in kilograms and a height in centimetres shows the BMI to one decimal (70 kg, 175 cm: 22.9).',
      steps: [
        { do: 'type', target: ['Weight', 'kg'], text: '70' },
        { do: 'type', target: ['Height', 'cm'], text: '175' },
        calculateUnless('22.9'),
        showsNumber('22\\.9', 'that the BMI shows 22.9'),
      ],
    },
    {
      id: 'category',
      text: 'It also says the category: Underweight, Normal, Overweight or Obese.',
      steps: [
        { do: 'type', target: ['Weight', 'kg'], text: '70' },
        { do: 'type', target: ['Height', 'cm'], text: '175' },
        calculateUnless('normal'),
        { expect: 'text', matches: /normal/i, describe: 'that 22.9 is called Normal' },
      ],
    },
  ],
);

/** Every task, the default (to-do, "My Tasks") first. */
export const WEB_APP_TASKS: readonly WebAppTask[] = [
  todoTask(),
  counter,
  unitConverter,
  tipCalculator,
  temperature,
  wordCounter,
  stopwatch,
  colorPicker,
  calculator,
  bmi,
];

export const DEFAULT_WEB_APP_TASK = WEB_APP_TASKS[0]!;

import { expect, test } from 'vitest';
import { itemInput } from '../batch/runner';
import { mulberry32 } from '../eval/stats';
import { shippedSets } from '../eval/sets';
import { defaultExperiment, presetSide } from '../team/presets';
import { arenaQuestion, arenaVote, assignSeats, drawQuestion, sideLabel } from './seats';
import { entryKey } from './votes';

test('seats from a seeded source: both orders occur over 20 draws, and the same seed repeats them', () => {
  const draw = (seed: number) => {
    const random = mulberry32(seed);
    return Array.from({ length: 20 }, () => assignSeats(random));
  };
  const seats = draw(7);
  for (const s of seats) expect([s.left, s.right].sort()).toEqual(['solo', 'team']);
  expect(seats.some((s) => s.left === 'solo')).toBe(true);
  expect(seats.some((s) => s.left === 'team')).toBe(true);
  expect(draw(7)).toEqual(seats);
});

test('seats follow the random source: below one half Solo sits left', () => {
  expect(assignSeats(() => 0.49)).toEqual({ left: 'solo', right: 'team' });
  expect(assignSeats(() => 0.5)).toEqual({ left: 'team', right: 'solo' });
});

test('a drawn question comes from the chosen set, or any set; none from an unknown set', () => {
  const math = shippedSets.find((s) => s.id === 'playground-math')!;
  const drawn = drawQuestion(shippedSets, math.id, () => 0.999);
  expect(drawn?.setId).toBe(math.id);
  expect(drawn?.item).toBe(math.items.at(-1));
  const any = drawQuestion(shippedSets, null, () => 0);
  expect(any?.item).toBe(shippedSets[0]?.items[0]);
  expect(drawQuestion(shippedSets, 'no-such-set', () => 0)).toBeNull();
});

test('the question asked: a drawn item with its paragraphs and set id, or typed text with none', () => {
  const set = shippedSets[0]!;
  const drawn = { setId: set.id, item: set.items[0]! };
  const asked = arenaQuestion(` ${drawn.item.question} `, drawn, itemInput);
  expect(asked?.category).toBe(set.id);
  expect(asked?.input).toEqual(itemInput(drawn.item));
  expect(arenaQuestion('Something else?', drawn, itemInput)).toEqual({
    input: { question: 'Something else?' },
    category: '',
  });
  expect(arenaQuestion('   ', drawn, itemInput)).toBeNull();
});

test('a vote names each seated side by its entry key and leaderboard label', () => {
  const config = defaultExperiment({ engine: 'scripted', modelId: 'scripted-team' });
  const labelOf = (side: typeof config.solo) => sideLabel(side, side.label, (id) => id);
  const vote = arenaVote({
    id: 'v1',
    createdAt: 5,
    question: 'Q?',
    category: 'math',
    config,
    seats: { left: 'team', right: 'solo' },
    outcome: 'left',
    labelOf,
  });
  expect(vote).toEqual({
    kind: 'vote',
    id: 'v1',
    createdAt: 5,
    question: 'Q?',
    category: 'math',
    left: { key: entryKey(config.team), label: 'Reasoner → Critic → Answerer on scripted-team' },
    right: { key: entryKey(config.solo), label: 'Solo on scripted-team' },
    outcome: 'left',
    judge: 'human',
  });
});

test('a side label lists each model once, and the protocol where the label is another name', () => {
  const side = presetSide('critic-loop', { engine: 'scripted', modelId: 'm' });
  expect(sideLabel(side, side.label, (id) => `Model ${id}`)).toBe(`${side.label} on Model m`);
  expect(sideLabel({ ...side, label: 'Mine' }, 'Critic loop', (id) => id)).toBe(
    'Mine (Critic loop) on m',
  );
});

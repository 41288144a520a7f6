import { expect, test } from 'vitest';
import { createRunStore } from './create-run-store';
import { openPlaygroundDb, type PlaygroundDb } from './database';
import { flushOnPageHide } from './page-lifecycle';
import {
  freshFactory,
  ManualClock,
  sampleConfig,
  sampleTurn,
  settle,
} from '../testing/storage-fixtures';

/** A store recording a run whose last tokens wait for the throttle (its clock never moves). */
async function streaming() {
  const factory = freshFactory();
  let db: PlaygroundDb | undefined;
  const { store } = await createRunStore({
    open: async () => (db = await openPlaygroundDb({ factory })),
    clock: new ManualClock(),
    locks: null,
  });
  const run = await store.createRun(sampleConfig());
  for (const text of ['Sze', 'Szeg', 'Szeged']) {
    await store.updateTurn(run.id, 'solo', sampleTurn(0, text), true);
    await store.updateTurn(run.id, 'team', sampleTurn(0, `Team: ${text}`), true);
  }
  await settle();
  /** What IndexedDB holds, read through a new connection (as the reloaded page would). */
  const saved = async () => {
    const next = await openPlaygroundDb({ factory });
    const record = await next.get('runs', run.id);
    next.close();
    return record;
  };
  return { store, db: db!, saved };
}

test.each(['beforeunload', 'pagehide'])(
  '%s writes the tokens still waiting for the throttle, started before it returns',
  async (type) => {
    const { store, db, saved } = await streaming();
    expect((await saved())?.sides.solo.turns).toEqual([]);

    const target = new EventTarget();
    flushOnPageHide(store, { target, hidden: () => false });
    target.dispatchEvent(new Event(type));
    // The page goes away: no transaction can start after this, the ones started complete.
    db.close();

    const record = await saved();
    expect(record?.sides.solo.turns[0]?.output).toBe('Szeged');
    expect(record?.sides.team.turns[0]?.output).toBe('Team: Szeged');
  },
);

test('visibilitychange writes them when the page becomes hidden, not when it shows', async () => {
  const { store, saved } = await streaming();
  const target = new EventTarget();
  let hidden = false;
  const stop = flushOnPageHide(store, { target, hidden: () => hidden });

  target.dispatchEvent(new Event('visibilitychange'));
  await settle();
  expect((await saved())?.sides.solo.turns).toEqual([]);

  hidden = true;
  target.dispatchEvent(new Event('visibilitychange'));
  await settle();
  expect((await saved())?.sides.solo.turns[0]?.output).toBe('Szeged');

  // Once stopped, the listeners are gone.
  await store.updateTurn((await store.list())[0]!.id, 'solo', sampleTurn(0, 'Szeged!'), true);
  stop();
  target.dispatchEvent(new Event('pagehide'));
  await settle();
  expect((await saved())?.sides.solo.turns[0]?.output).toBe('Szeged');
});

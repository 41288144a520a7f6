/// <reference lib="webworker" />
/**
 * Agent worker entry: exposes the agent API over comlink. A scripted crash (tests only) is
 * raised outside any promise so the page sees a real worker error event, 300 ms after the token
 * that triggers it: the tokens streamed before it have left in their batch (every 4 ms) and
 * reached the page, as a real crash's earlier tokens would have (on a loaded machine the error
 * event could otherwise overtake them: CI under load lost the last word at 50 ms).
 */
import { expose } from 'comlink';
import { createAgentWorkerApi } from './agent-worker-api';
import { createEngine } from './engines/create-engine';

const crash = (message: string) => {
  setTimeout(() => {
    throw new Error(message);
  }, 300);
};

/** Ends the worker with no error event, as a browser does when it reclaims memory. */
const vanish = () => self.close();

const api = createAgentWorkerApi({ createEngine: (kind) => createEngine(kind, crash, vanish) });
expose(api);

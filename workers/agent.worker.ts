/// <reference lib="webworker" />
/**
 * Agent worker entry: exposes the agent API over comlink. A scripted crash (tests only) is
 * raised outside any promise so the page sees a real worker error event.
 */
import { expose } from 'comlink';
import { createAgentWorkerApi } from './agent-worker-api';
import { createEngine } from './engines/create-engine';

const crash = (message: string) => {
  setTimeout(() => {
    throw new Error(message);
  });
};

/** Ends the worker with no error event, as a browser does when it reclaims memory. */
const vanish = () => self.close();

const api = createAgentWorkerApi({ createEngine: (kind) => createEngine(kind, crash, vanish) });
expose(api);

/// <reference lib="webworker" />
/** Embedding worker entry: a GGUF embedding model in wllama, behind comlink. */
import { expose } from 'comlink';
import { createEmbedWorkerApi } from './embed-worker-api';

expose(createEmbedWorkerApi());

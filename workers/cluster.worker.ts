/// <reference lib="webworker" />
/** Clustering worker entry: task discovery's k-means, labels and map, behind comlink. */
import { expose } from 'comlink';
import { clusterWorkerApi } from './cluster-worker-api';

expose(clusterWorkerApi);

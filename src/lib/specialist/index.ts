/**
 * From agent calls to a specialist (#15), the pure-logic core: curate calls, write them as a
 * dataset in the formats fine-tuning tools read, split and describe it; find the tasks among the
 * calls (clusters, their labels, a 2-D map) and what each costs.
 */
export {
  conversation,
  curatedFromTrace,
  maskConversation,
  type Conversation,
  type CuratedCall,
  type Outcome,
} from './curated-call';
export {
  DATASET_FORMAT_NAMES,
  jsonLine,
  toDatasetRecord,
  writeDataset,
  type DatasetFormat,
  type DatasetOptions,
  type DatasetRecord,
} from './dataset-formats';
export { splitDataset, splitFilter, validationCount, type Split, type SplitOptions } from './split';
export {
  datasetCard,
  type CardCall,
  type DatasetCardInput,
  type DatasetSource,
} from './dataset-card';
export {
  chooseK,
  distance,
  kmeansClusters,
  silhouetteScore,
  type ChooseKOptions,
  type ChosenClustering,
  type Clustering,
  type Metric,
} from './cluster';
export { clusterLabels, words, type ClusterLabel } from './cluster-labels';
export { MIN_UMAP_POINTS, map2d, pcaProjection, type MapOptions, type Point2D } from './map2d';
export {
  clusterCost,
  clusterCosts,
  type ClusterCost,
  type CostCall,
  type ModelTokens,
} from './cost';

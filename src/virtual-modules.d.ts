/// <reference types="vite-plugin-pwa/vanillajs" />

declare module 'virtual:webllm-catalog' {
  import type { WebLLMCatalogRecord } from '../vite-plugins/webllm-catalog';
  const records: WebLLMCatalogRecord[];
  export default records;
}

/** Pyodide's version, naming the folder its files are served from (vite-plugins/pyodide-files.ts). */
declare const __PYODIDE_VERSION__: string;

/// <reference types="vite-plugin-pwa/vanillajs" />

declare module 'virtual:webllm-catalog' {
  import type { WebLLMCatalogRecord } from '../vite-plugins/webllm-catalog';
  const records: WebLLMCatalogRecord[];
  export default records;
}

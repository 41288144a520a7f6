import { AgentError } from '../../src/lib/engine/errors';
import type { EngineKind } from '../../src/lib/engine/types';
import type { Engine } from './engine';

/**
 * Makes the engine for a model. Each engine is imported on demand so a worker only downloads
 * the inference library it uses: WebLLM for WebGPU models, wllama for GGUF models on the CPU.
 * The scripted engine exists only in the test build: in a production build
 * `import.meta.env.MODE` is 'production' and its branch is removed.
 */
export async function createEngine(
  kind: EngineKind,
  crash: (message: string) => void,
  vanish: () => void = () => {},
): Promise<Engine> {
  switch (kind) {
    case 'webllm': {
      const { WebLLMEngine } = await import('./webllm-engine');
      return new WebLLMEngine();
    }
    case 'scripted': {
      if (import.meta.env.MODE !== 'test') break;
      const { ScriptedEngine, browserCache } = await import('./scripted-engine');
      return new ScriptedEngine({ crash, vanish, cache: browserCache() });
    }
    case 'wllama': {
      // llama.cpp in WebAssembly (~9 MB of wasm, fetched when the first model loads).
      const { WllamaEngine } = await import('./wllama-engine');
      return new WllamaEngine();
    }
    case 'remote': {
      // An OpenAI-compatible server: nothing to download into the tab.
      const { RemoteEngine } = await import('./remote-engine');
      return new RemoteEngine();
    }
  }
  throw new AgentError('InvalidRequestError', `This build has no ${kind} engine.`);
}

/**
 * The product's GPU engine: @mlc-ai/web-llm on WebGPU, running inside an agent worker.
 */
import {
  MLCEngine,
  deleteModelAllInfoInCache,
  hasModelInCache,
  prebuiltAppConfig,
  type AppConfig,
  type ChatCompletionRequestStreaming,
} from '@mlc-ai/web-llm';
import { AgentError, abortError, type AgentErrorName } from '../../src/lib/engine/errors';
import type { ChatRequest, LoadProgress, ModelSpec } from '../../src/lib/engine/types';
import type { Engine, EngineCompletion } from './engine';
import { parseWebLLMProgress } from './webllm-progress';

/** The app config that knows `spec`: WebLLM's prebuilt list, plus the custom model if any. */
export function appConfigFor(spec: ModelSpec): AppConfig {
  if (!spec.modelUrl) return prebuiltAppConfig;
  if (!spec.modelLibUrl) {
    throw new AgentError(
      'InvalidRequestError',
      'A custom MLC model needs a model library (.wasm) URL.',
    );
  }
  return {
    ...prebuiltAppConfig,
    model_list: [
      { model: spec.modelUrl, model_id: spec.modelId, model_lib: spec.modelLibUrl },
      ...prebuiltAppConfig.model_list.filter((m) => m.model_id !== spec.modelId),
    ],
  };
}

/** Maps WebLLM's (and the browser's) failures onto our named errors with a plain message. */
export function webllmError(error: unknown, spec: ModelSpec, stage: 'load' | 'chat'): AgentError {
  if (error instanceof AgentError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const named = (n: AgentErrorName, text: string) => new AgentError(n, text, { cause: error });
  if (/WebGPUNotAvailable|WebGPUNotFound|FeatureSupport/.test(name) || /shader-f16/.test(message)) {
    return named('WebGPUUnavailableError', `${spec.modelId} cannot run on this GPU: ${message}`);
  }
  if (/DeviceLost/.test(name) || /device (was )?lost/i.test(message)) {
    return named(
      'DeviceLostError',
      `The GPU device was lost while ${stage === 'load' ? 'loading' : 'running'} ${spec.modelId} ` +
        '(often out of GPU memory). Reload the model to continue.',
    );
  }
  if (/ContextWindowSizeExceeded/.test(name)) {
    return named(
      'InvalidRequestError',
      `The prompt does not fit ${spec.modelId}'s context window: ${message}`,
    );
  }
  if (
    stage === 'load' &&
    (name === 'TypeError' || /fetch|network|HTTP|status|Cannot\s+fetch/i.test(message))
  ) {
    const host = spec.modelUrl ? new URL(spec.modelUrl).host : 'huggingface.co';
    return named(
      'ModelDownloadError',
      `Could not download ${spec.modelId} from ${host}: ${message}. Check your connection, then Retry.`,
    );
  }
  return named(
    stage === 'load' ? 'ModelLoadError' : 'GenerationError',
    `${spec.modelId}: ${message}`,
  );
}

export class WebLLMEngine implements Engine {
  #engine: MLCEngine | null = null;
  #spec: ModelSpec | null = null;

  async load(
    spec: ModelSpec,
    onProgress: (p: LoadProgress) => void,
  ): Promise<{ fromCache: boolean }> {
    const appConfig = appConfigFor(spec);
    const fromCache = await this.isCached(spec).catch(() => false);
    const engine = this.#engine ?? new MLCEngine({ appConfig });
    this.#engine = engine;
    engine.setAppConfig(appConfig);
    engine.setInitProgressCallback((report) => onProgress(parseWebLLMProgress(report)));
    try {
      await engine.reload(spec.modelId, { context_window_size: spec.contextWindow });
    } catch (error) {
      throw webllmError(error, spec, 'load');
    }
    this.#spec = spec;
    return { fromCache };
  }

  async chat(
    request: ChatRequest,
    onDelta: (delta: string) => void,
    signal: AbortSignal,
  ): Promise<EngineCompletion> {
    const engine = this.#engine;
    const spec = this.#spec;
    if (!engine || !spec)
      throw new AgentError('ModelNotLoadedError', 'No model is loaded in this agent.');
    if (signal.aborted) throw abortError();
    const onAbort = () => void engine.interruptGenerate();
    signal.addEventListener('abort', onAbort, { once: true });
    const body: ChatCompletionRequestStreaming = {
      messages: request.messages,
      stream: true,
      stream_options: { include_usage: true },
      ...request.sampling,
      ...(request.responseFormat ? { response_format: request.responseFormat } : {}),
    };
    let text = '';
    let finishReason: EngineCompletion['finishReason'] = 'stop';
    let promptTokens = 0;
    let completionTokens = 0;
    try {
      const chunks = await engine.chat.completions.create(body);
      for await (const chunk of chunks) {
        const choice = chunk.choices[0];
        const delta = choice?.delta.content ?? '';
        if (delta) {
          text += delta;
          onDelta(delta);
        }
        if (choice?.finish_reason === 'length') finishReason = 'length';
        if (chunk.usage) {
          promptTokens = chunk.usage.prompt_tokens;
          completionTokens = chunk.usage.completion_tokens;
        }
      }
    } catch (error) {
      throw webllmError(error, spec, 'chat');
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    if (signal.aborted) finishReason = 'abort';
    return { text, finishReason, promptTokens, completionTokens };
  }

  async unload(): Promise<void> {
    await this.#engine?.unload();
    this.#spec = null;
  }

  async isCached(spec: ModelSpec): Promise<boolean> {
    try {
      return await hasModelInCache(spec.modelId, appConfigFor(spec));
    } catch (error) {
      throw new AgentError('CacheError', `Could not read the model cache: ${String(error)}`, {
        cause: error,
      });
    }
  }

  async deleteCached(spec: ModelSpec): Promise<void> {
    try {
      await deleteModelAllInfoInCache(spec.modelId, appConfigFor(spec));
    } catch (error) {
      throw new AgentError(
        'CacheError',
        `Could not delete ${spec.modelId} from the cache: ${String(error)}`,
        {
          cause: error,
        },
      );
    }
  }
}

/**
 * Runs one side of an experiment with the protocol its config names.
 */
import type { ProtocolType, SideConfig } from '../config';
import type { Protocol, ProtocolDeps, ProtocolInput, SideResult } from './types';

/** The protocols' chunk, imported once; every side waits on this same promise. */
let protocols: Promise<typeof import('./all-protocols')> | null = null;

/** Each protocol type's implementation (loads the protocols' chunk on first use). */
export async function loadProtocols(): Promise<Record<ProtocolType, Protocol>> {
  protocols ??= import('./all-protocols').catch((e: unknown) => {
    protocols = null;
    throw e;
  });
  return (await protocols).PROTOCOLS;
}

function failed(deps: ProtocolDeps, error: SideResult['error']): SideResult {
  const result: SideResult = { finalAnswer: '', turns: [], warnings: [], status: 'failed', error };
  deps.emit({ type: 'side-end', result });
  return result;
}

/**
 * Runs a side to its end. Never throws: an invalid side or a failing model gives status
 * 'failed' with the error, an abort gives 'stopped'; turns so far are always kept, and a
 * 'side-end' event is always emitted.
 */
export async function runSide(
  side: SideConfig,
  input: ProtocolInput,
  deps: ProtocolDeps,
): Promise<SideResult> {
  let table: Record<ProtocolType, Protocol>;
  try {
    table = await loadProtocols();
  } catch (e) {
    return failed(deps, {
      name: 'GenerationError',
      message: `The protocols' code could not be loaded (${e instanceof Error ? e.message : String(e)}). Reload the page and run again.`,
    });
  }
  const protocol = table[side.protocol.type];
  if (!protocol)
    return failed(deps, {
      name: 'InvalidRequestError',
      message: `Unknown protocol ${JSON.stringify(side.protocol)}.`,
    });
  return protocol(side, input, {
    ...deps,
    ...(input.context ? { toolParagraphs: input.context } : {}),
    ...(input.functions?.length ? { answerFunctions: input.functions } : {}),
  });
}

/**
 * Experiments arriving by link or file: decoded and validated before anything else happens,
 * then shown for the user to accept. Nothing downloads or runs until they do.
 */
import type { ShareEnvelope, ShareLinkError, ShareResult, ShareSummary } from '../share';

/** The share code (decoding, validation, compression): loaded when a link or file arrives. */
const shareCode = () => import('../share');

export interface PendingImport {
  source: 'link' | 'file';
  envelope: ShareEnvelope;
  summary: ShareSummary;
  warnings: string[];
}

export interface ImportError {
  source: 'link' | 'file';
  error: ShareLinkError;
}

export class ShareState {
  pending = $state.raw<PendingImport | null>(null);
  error = $state.raw<ImportError | null>(null);
  readonly #knownIds: () => ReadonlySet<string>;

  constructor(knownIds: () => ReadonlySet<string>) {
    this.#knownIds = knownIds;
  }

  /** Reads a share link from the page's fragment, if it holds one (or something that looks like one). */
  async readLocation(hash = location.hash): Promise<void> {
    // Share links are `#x=…`; anything else starting with `#x` is read too, to say what is wrong.
    if (!hash.startsWith('#x')) return;
    const { decodeShareFragment, describeEnvelope } = await shareCode();
    this.#take('link', decodeShareFragment(hash), describeEnvelope);
  }

  async readFile(text: string): Promise<void> {
    const { fromConfigFile, describeEnvelope } = await shareCode();
    this.#take('file', fromConfigFile(text), describeEnvelope);
  }

  #take(
    source: 'link' | 'file',
    result: ShareResult,
    describeEnvelope: (envelope: ShareEnvelope, known: ReadonlySet<string>) => ShareSummary,
  ): void {
    if (!result.ok) {
      this.pending = null;
      this.error = { source, error: result.error };
      return;
    }
    this.error = null;
    this.pending = {
      source,
      envelope: result.envelope,
      summary: describeEnvelope(result.envelope, this.#knownIds()),
      warnings: result.warnings,
    };
  }

  /** Hands over the accepted experiment and forgets the link, so a reload does not ask again. */
  accept(): ShareEnvelope | null {
    const envelope = this.pending?.envelope ?? null;
    this.pending = null;
    clearFragment();
    return envelope;
  }

  dismiss(): void {
    this.pending = null;
    this.error = null;
    clearFragment();
  }
}

function clearFragment(): void {
  if (typeof location !== 'undefined' && location.hash) {
    history.replaceState(null, '', location.pathname + location.search);
  }
}

/**
 * The service worker's update state for the page. The worker (vite-plugin-pwa, see
 * vite-plugins/pwa.ts) installs a new deployment in the background and leaves it waiting; this
 * class says so (`waiting`) and applies it only when the user asks (`apply`). The banner decides
 * what to offer from this state and whether work is running (update-offer.ts).
 */
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';

/** vite-plugin-pwa's registerSW: returns the function that lets the waiting worker take over. */
export type RegisterSW = (options: RegisterSWOptions) => (reloadPage?: boolean) => Promise<void>;

/** What this class needs of `navigator.serviceWorker`. */
export type WorkerContainer = Pick<ServiceWorkerContainer, 'controller' | 'addEventListener'>;

export interface AppUpdateOptions {
  /** Registers the worker; by default vite-plugin-pwa's, loaded on first use. */
  register?: () => Promise<RegisterSW>;
  container?: WorkerContainer;
  reload?: () => void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class AppUpdate {
  /** A new version is installed and waiting for the go-ahead. */
  waiting = $state(false);
  /** Another tab let the new version take over: this page is the old one. */
  appliedElsewhere = $state(false);
  /** The worker could not be registered (shown nowhere: the app works without it). */
  error = $state<string | null>(null);

  readonly #register: () => Promise<RegisterSW>;
  readonly #container: () => WorkerContainer;
  readonly #reload: () => void;
  #activate: ((reloadPage?: boolean) => Promise<void>) | null = null;
  #requested = false;

  constructor(options: AppUpdateOptions = {}) {
    this.#register =
      options.register ?? (() => import('virtual:pwa-register').then((m) => m.registerSW));
    this.#container = () => options.container ?? navigator.serviceWorker;
    this.#reload = options.reload ?? (() => window.location.reload());
  }

  /** Registers the service worker and starts listening for updates. */
  async start(): Promise<void> {
    // A change of controller: the first install taking over (nothing to do), the update this tab
    // asked for (reload into it), or one another tab applied (say so; never reload mid-run).
    const container = this.#container();
    let controlled = container.controller !== null;
    container.addEventListener('controllerchange', () => {
      const wasControlled = controlled;
      controlled = true;
      if (this.#requested) this.#reload();
      else if (wasControlled) {
        this.waiting = false;
        this.appliedElsewhere = true;
      }
    });
    let registerSW: RegisterSW;
    try {
      registerSW = await this.#register();
    } catch (error) {
      this.error = message(error);
      return;
    }
    this.#activate = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.waiting = true),
      // vite-plugin-pwa would reload the page itself here (and only when the page was controlled
      // when it loaded); the controllerchange listener above decides instead.
      onNeedReload: () => {},
      onRegisterError: (error: unknown) => (this.error = message(error)),
    });
  }

  /** The user chose "Reload to update" (the banner offers it only when no work runs). */
  async apply(): Promise<void> {
    if (this.appliedElsewhere || !this.#activate) return this.#reload();
    this.#requested = true;
    await this.#activate();
  }
}

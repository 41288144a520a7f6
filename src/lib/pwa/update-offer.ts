/**
 * What the "new version" banner shows: a pure function of the service worker's state and whether
 * this tab has work running. An update is never applied mid-run: while a model loads or answers,
 * the banner says the update will be offered once the run ends, and its Reload button waits.
 */

export interface UpdateSituation {
  /** A new version's service worker is installed and waiting for this tab's go-ahead. */
  waiting: boolean;
  /** Another tab applied the update: this tab still runs the old version's page. */
  appliedElsewhere: boolean;
  /** A model is loading or answering in this tab (any view). */
  busy: boolean;
}

export type UpdateOffer =
  | { show: false }
  | {
      show: true;
      message: string;
      /** False while work runs: reloading would cut it short. */
      canReload: boolean;
      /** 'activate': let the waiting worker take over, then reload; 'reload': just reload. */
      action: 'activate' | 'reload';
    };

export const AFTER_RUN = 'It will be offered when the run in progress ends.';

export function updateOffer({ waiting, appliedElsewhere, busy }: UpdateSituation): UpdateOffer {
  if (appliedElsewhere) {
    return {
      show: true,
      message: busy
        ? `A new version was installed in another tab. ${AFTER_RUN}`
        : 'A new version was installed in another tab.',
      canReload: !busy,
      action: 'reload',
    };
  }
  if (waiting) {
    return {
      show: true,
      message: busy ? `A new version is ready. ${AFTER_RUN}` : 'A new version is ready.',
      canReload: !busy,
      action: 'activate',
    };
  }
  return { show: false };
}

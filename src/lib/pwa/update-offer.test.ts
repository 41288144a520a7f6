import { describe, expect, it } from 'vitest';
import { AFTER_RUN, updateOffer } from './update-offer';

describe('updateOffer', () => {
  it('shows nothing without a new version, busy or not', () => {
    expect(updateOffer({ waiting: false, appliedElsewhere: false, busy: false })).toEqual({
      show: false,
    });
    expect(updateOffer({ waiting: false, appliedElsewhere: false, busy: true })).toEqual({
      show: false,
    });
  });

  it('offers a waiting version at once when nothing runs', () => {
    expect(updateOffer({ waiting: true, appliedElsewhere: false, busy: false })).toEqual({
      show: true,
      message: 'A new version is ready.',
      canReload: true,
      action: 'activate',
    });
  });

  it('holds a waiting version back while a run is in progress, and says when it comes', () => {
    const offer = updateOffer({ waiting: true, appliedElsewhere: false, busy: true });
    expect(offer).toEqual({
      show: true,
      message: `A new version is ready. ${AFTER_RUN}`,
      canReload: false,
      action: 'activate',
    });
  });

  it('after another tab updated, offers a plain reload, and not mid-run', () => {
    expect(updateOffer({ waiting: false, appliedElsewhere: true, busy: false })).toMatchObject({
      show: true,
      message: 'A new version was installed in another tab.',
      canReload: true,
      action: 'reload',
    });
    const busy = updateOffer({ waiting: true, appliedElsewhere: true, busy: true });
    expect(busy).toMatchObject({ canReload: false, action: 'reload' });
    expect(busy.show && busy.message).toContain(AFTER_RUN);
  });
});

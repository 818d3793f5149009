// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLabStore, type LabStore } from '../../store/createLabStore.ts';
import type { RunState } from '../../store/runState.ts';
import { renderWithStore } from '../../store/testing/renderWithStore.tsx';
import { testLabDeps } from '../../store/testing/testLabDeps.ts';
import { AppUpdateNotice } from './AppUpdateNotice.tsx';
import { createI18n } from '../i18n/i18n.ts';

/** What the service worker's registration reports (vite-plugin-pwa's hook), set per test. */
const registration = vi.hoisted(() => ({ needRefresh: false, offlineReady: false, update: vi.fn() }));
vi.mock('virtual:pwa-register/react', () => ({
  useRegisterSW: () => ({
    needRefresh: [registration.needRefresh, (v: boolean) => (registration.needRefresh = v)],
    offlineReady: [registration.offlineReady, (v: boolean) => (registration.offlineReady = v)],
    updateServiceWorker: registration.update,
  }),
}));

const english = createI18n('en');
const show = (store?: LabStore) =>
  renderWithStore(
    <I18nextProvider i18n={english}>
      <AppUpdateNotice />
    </I18nextProvider>,
    { store },
  );

afterEach(() => {
  cleanup();
  Object.assign(registration, { needRefresh: false, offlineReady: false });
  registration.update.mockReset();
});

describe("the service worker's notices", () => {
  it('says when the app is ready to work offline', () => {
    registration.offlineReady = true;
    show();
    expect(screen.getByRole('status').textContent).toContain('Ready to work offline');
  });

  it('offers a new version and loads it only when asked', () => {
    registration.needRefresh = true;
    show();
    expect(screen.getByRole('status').textContent).toContain('A new version of Dropout Lab is ready.');
    expect(registration.update).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Reload to update' }));
    expect(registration.update).toHaveBeenCalledWith(true);
  });

  it('never reloads a running experiment: the update waits until the run ends', () => {
    registration.needRefresh = true;
    const store = createLabStore(testLabDeps());
    act(() => store.setState({ run: { status: 'training', configs: [] } as unknown as RunState }));
    show(store);
    expect(screen.getByRole('status').textContent).toContain('it can be loaded when the run in progress ends');
    const reload = screen.getByRole<HTMLButtonElement>('button', { name: 'Reload to update' });
    expect(reload.disabled).toBe(true);
    // The run ends (here: the store holds none).
    act(() => store.setState({ run: null }));
    expect(reload.disabled).toBe(false);
  });
});

import type { StateCreator, StoreApi } from 'zustand';
import type { LabState } from './labState.ts';
import { viewFromSearch, WHOLE_NOTEBOOK, type NotebookView } from './viewSchema.ts';

export interface ViewSlice {
  /** How the link shows the notebook: chosen cells alone, fixed settings, the presentation view. */
  view: NotebookView;
}

export const createViewSlice: StateCreator<LabState, [], [], ViewSlice> = () => ({
  view: WHOLE_NOTEBOOK,
});

/**
 * Reads the view from the URL now and on back/forward (after the settings: its notices are added to theirs). The
 * view is the link's to say: nothing in the page changes it, so it is never written back.
 */
export function syncViewWithUrl(
  store: StoreApi<LabState>,
  host: { location: { href: string }; addEventListener(type: 'popstate', listener: () => void): void },
): void {
  const read = () => {
    const { view, ignoredMessages } = viewFromSearch(new URL(host.location.href).search);
    const notice = [...(store.getState().linkNotice ?? []), ...ignoredMessages];
    store.setState({ view, linkNotice: notice.length ? notice : null });
  };
  read();
  host.addEventListener('popstate', read);
}

// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nextProvider } from 'react-i18next';
import type { ReactNode } from 'react';
import { renderWithStore } from '../../store/testing/renderWithStore.tsx';
import { createI18n } from '../i18n/i18n.ts';
import { DatasetExpectation } from './DatasetExpectation.tsx';

const english = createI18n('en');
const InEnglish = ({ children }: { children: ReactNode }) => (
  <I18nextProvider i18n={english}>{children}</I18nextProvider>
);

afterEach(() => {
  cleanup();
});

describe('the data description', () => {
  it('quotes p as it stands', () => {
    const { store } = renderWithStore(
      <InEnglish>
        <DatasetExpectation />
      </InEnglish>,
    );
    const text = () => screen.getByText(/Data: the CIFAR-10 sample/).closest('p')!.textContent;
    expect(text()).toContain('with dropout (p = 0.25 as set below; the assignment uses 0.25)');
    act(() => void store.getState().setSetting('keepProb', 0.5));
    expect(text()).toContain('with dropout (p = 0.5 as set below');
    act(() => void store.getState().setSetting('keepProb', 1));
    expect(text()).toContain('with p = 1, as set below, the second net has no dropout either');
  });
});

// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nextProvider } from 'react-i18next';
import type { ReactNode } from 'react';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { createI18n } from '../i18n/i18n.ts';

const english = createI18n('en');
const InEnglish = ({ children }: { children: ReactNode }) => (
  <I18nextProvider i18n={english}>{children}</I18nextProvider>
);

afterEach(cleanup);

describe('error boundary', () => {
  it('a cell that throws while drawing says so; the rest keeps working and Try again redraws it', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    let broken = true;
    function Flaky() {
      if (broken) throw new Error('bad data');
      return <p>drawn</p>;
    }
    render(
      <>
        <ErrorBoundary what="the test cell">
          <Flaky />
        </ErrorBoundary>
        <p>the next cell</p>
      </>,
      { wrapper: InEnglish },
    );
    expect(screen.getByRole('alert').textContent).toMatch(/Something went wrong while drawing the test cell: bad data/);
    expect(screen.getByText('the next cell')).toBeTruthy();
    broken = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('drawn')).toBeTruthy();
  });
});

// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithStore } from '../../store/testing/renderWithStore.tsx';
import { I18nextProvider } from 'react-i18next';
import type { ReactNode } from 'react';
import { createI18n } from '../i18n/i18n.ts';
import { KeepProbSlider, NumberSetting } from './SettingField.tsx';
import { DatasetExpectation } from '../experiment/DatasetExpectation.tsx';

const english = createI18n('en');
const InEnglish = ({ children }: { children: ReactNode }) => (
  <I18nextProvider i18n={english}>{children}</I18nextProvider>
);

afterEach(cleanup);

describe('setting fields', () => {
  it('a value out of range shows why, and the store keeps the last valid one', () => {
    const { store } = renderWithStore(<NumberSetting name="hiddenSize" />);
    const input = screen.getByRole('spinbutton', { name: 'Hidden size' });
    fireEvent.change(input, { target: { value: '5000' } });
    expect(screen.getByRole('alert').textContent).toBe('Hidden size must be at least 1 and at most 4096; using 500.');
    expect(store.getState().settings.hiddenSize).toBe(500);
    fireEvent.change(input, { target: { value: '64' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(store.getState().settings.hiddenSize).toBe(64);
  });

  it('typed past the limit, a field goes back to the value it had before the edit, not to a half-typed prefix', () => {
    const { store } = renderWithStore(<NumberSetting name="epochs" />);
    const input = screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Epochs' });
    fireEvent.focus(input);
    for (const text of ['9', '99', '999', '9999']) fireEvent.change(input, { target: { value: text } });
    expect(screen.getByRole('alert').textContent).toBe('Epochs must be at least 1 and at most 500; using 25.');
    expect(store.getState().settings.epochs).toBe(25);
    expect(input.value).toBe('9999');
    // Deleting back to an allowed value takes it; the next edit starts from there.
    fireEvent.change(input, { target: { value: '99' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(store.getState().settings.epochs).toBe(99);
    fireEvent.blur(input);
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '' } });
    expect(screen.getByRole('alert').textContent).toBe('Epochs must be a number; using 99.');
    expect(store.getState().settings.epochs).toBe(99);
  });

  it('a value the active dataset cannot give (5,000 training examples of the 1,000-image sample) is said at the field as it is typed, and in the data description', () => {
    renderWithStore(
      <InEnglish>
        <DatasetExpectation />
        <NumberSetting name="numTrain" />
        <NumberSetting name="batchSize" />
      </InEnglish>,
    );
    const input = screen.getByRole('spinbutton', { name: 'Training examples' });
    fireEvent.change(input, { target: { value: '5000' } });
    expect(screen.getByRole('alert').textContent).toBe(
      'Training examples (5,000) must be at most 1,000 with CIFAR-10 sample (built-in): Train refuses it until it is changed.',
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Data: the CIFAR-10 sample/).closest('p')!.textContent).toContain(
      'it has only 1,000 training images, fewer than the 5,000 asked for below',
    );
    expect(screen.getByText(/Data: the CIFAR-10 sample/).closest('p')!.textContent).not.toContain('5,000 of its');
    // Between fields too: a batch larger than the training set.
    fireEvent.change(input, { target: { value: '50' } });
    expect(screen.getByRole('alert').textContent).toBe(
      'Batch size (100) must not be larger than the training set (50): Train refuses it until it is changed.',
    );
    fireEvent.change(input, { target: { value: '500' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText(/Data: the CIFAR-10 sample/).closest('p')!.textContent).toContain(
      'using 500 of its 1,000 training images',
    );
  });

  it('text that is not a number is refused with a message', () => {
    const { store } = renderWithStore(<NumberSetting name="learningRate" />);
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Learning rate' }), { target: { value: '' } });
    expect(screen.getByRole('alert').textContent).toMatch(/^Learning rate must be a number; using 0.0005/);
    expect(store.getState().settings.learningRate).toBe(5e-4);
  });

  it('follows the store when a setting changes elsewhere (a link, an opened run)', () => {
    const { store } = renderWithStore(<NumberSetting name="epochs" />);
    act(() => {
      store.getState().setSetting('epochs', 7);
    });
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Epochs' }).value).toBe('7');
  });

  it('the keep-probability slider moves in steps of 0.05 from 0.05 to 1 and shows its value', () => {
    const { store } = renderWithStore(<KeepProbSlider />);
    const slider = screen.getByRole<HTMLInputElement>('slider', { name: 'Keep probability' });
    expect([slider.min, slider.max, slider.step, slider.value]).toEqual(['0.05', '1', '0.05', '0.25']);
    fireEvent.change(slider, { target: { value: '0.7000000001' } });
    expect(store.getState().settings.keepProb).toBe(0.7);
    expect(screen.getByText('p = 0.7')).toBeTruthy();
  });
});

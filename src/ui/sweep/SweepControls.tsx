import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../core/message.ts';
import { useMessageText } from '../i18n/messageText.ts';
import { useLab } from '../../store/index.ts';
import { formatSweepList, SWEEP_AXES, type SweepList } from '../../store/sweepGrid.ts';
import { AXIS_LABEL } from './sweepNames.ts';

const LIST_LABEL = {
  keepProbs: 'sweep.keepProbs',
  hiddenSizes: 'sweep.hiddenSizes',
  trainSizes: 'sweep.trainSizes',
  keptUnits: 'sweep.keptUnits',
} as const satisfies Record<SweepList, string>;

/** What the rows of the next sweep vary. */
export function AxisChoice({ disabled }: { disabled: boolean }) {
  const axis = useLab((s) => s.sweepAxis);
  const setAxis = useLab((s) => s.setSweepAxis);
  const name = useId();
  const { t } = useTranslation();
  return (
    <fieldset className="toggle" disabled={disabled}>
      <legend>{t('sweep.axis')}</legend>
      {SWEEP_AXES.map((a) => (
        <label key={a}>
          <input type="radio" name={name} value={a} checked={axis === a} onChange={() => setAxis(a)} />
          {t(AXIS_LABEL[a])}
        </label>
      ))}
    </fieldset>
  );
}

/** A comma-separated list bound to the store: shown as typed, refused with a message when it is not a valid list. */
export function ListField({ list }: { list: SweepList }) {
  const values = useLab((s) => s.sweepLists[list]);
  const setSweepList = useLab((s) => s.setSweepList);
  const [draft, setDraft] = useState(() => formatSweepList(values));
  const [problem, setProblem] = useState<Message | null>(null);
  const messageId = useId();
  const { t } = useTranslation();
  const messages = useMessageText();
  return (
    <label className="field sweep-list">
      <span>{t(LIST_LABEL[list])}</span>
      {/* A text area that grows with its text (field-sizing), so the whole list shows, wrapped on a phone; Enter adds no line. */}
      <textarea
        rows={1}
        inputMode="decimal"
        spellCheck={false}
        value={draft}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) e.preventDefault();
        }}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? messageId : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          setProblem(setSweepList(list, e.target.value));
        }}
        onBlur={() => {
          if (!problem) setDraft(formatSweepList(values));
        }}
      />
      {problem && (
        <small id={messageId} role="alert" className="error">
          {t('sweep.using', { problem: messages.text(problem), value: formatSweepList(values) })}
        </small>
      )}
    </label>
  );
}

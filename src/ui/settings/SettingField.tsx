import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../core/message.ts';
import { useMessageText } from '../i18n/messageText.ts';
import { useLab } from '../../store/index.ts';
import { SETTINGS_SCHEMA, type RunSettings } from '../../store/settingsSchema.ts';
import { currentSettingsProblems } from '../../store/experimentSlice.ts';
import { runConfigs } from '../../store/runState.ts';
import { pageComputeThreads } from '../../worker/computeThreads.ts';

type NumericKey = { [K in keyof RunSettings]: RunSettings[K] extends number ? K : never }[keyof RunSettings];
type ChoiceKey = Exclude<keyof RunSettings, NumericKey>;

/** Catalogue keys of the choices' option names (the URL values stay as they are). */
export const OPTION_KEYS: Record<
  string,
  `options.${'adam' | 'sgd' | 'sgdMomentum' | 'rmsprop' | 'cifarSample' | 'mnist' | 'cifar10' | 'exact' | 'fast' | 'gpu' | 'classifier' | 'autoencoder'}`
> = {
  adam: 'options.adam',
  sgd: 'options.sgd',
  sgdMomentum: 'options.sgdMomentum',
  rmsprop: 'options.rmsprop',
  'cifar-sample': 'options.cifarSample',
  mnist: 'options.mnist',
  cifar10: 'options.cifar10',
  exact: 'options.exact',
  fast: 'options.fast',
  gpu: 'options.gpu',
  classifier: 'options.classifier',
  autoencoder: 'options.autoencoder',
};

/** Whether the page's link fixes this setting, and the id of the note that says so (for aria-describedby). */
function useFixedByLink(name: keyof RunSettings): { fixed: boolean; noteId: string } {
  const fixed = useLab((s) => s.view.fixed.includes(name));
  return { fixed, noteId: useId() };
}

/** "Fixed by the link": said under a setting the link fixes (its field is shown, disabled). */
export function FixedNote({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <small id={id} className="muted fixed-note">
      {t('view.fixedByLink')}
    </small>
  );
}

/**
 * A number input bound to one setting. What a person types stays as typed; the store takes each value its schema
 * allows as it is typed (the charts and the run follow at once), and where the text is not allowed it goes back to
 * the value the field had when the edit began: the half-typed prefix of "99999999" (99) is not what anyone meant.
 */
export function NumberSetting({ name, disabled }: { name: NumericKey; disabled?: boolean }) {
  const spec = SETTINGS_SCHEMA[name];
  const value = useLab((s) => s.settings[name]);
  const setSetting = useLab((s) => s.setSetting);
  const [draft, setDraft] = useState(String(value));
  const [problem, setProblem] = useState<Message | null>(null);
  /** The value when this edit began (focus), restored while the text is not allowed. */
  const [before, setBefore] = useState(value);
  /** What the value as it stands breaks between fields and the active dataset's limits (Train would refuse it), said at the field as it is typed. */
  const settings = useLab((s) => s.settings);
  const dataset = useLab((s) => s.dataset);
  const refused = useMemo(
    () => currentSettingsProblems({ settings, dataset })[name] ?? null,
    [settings, dataset, name],
  );
  const messageId = useId();
  const { fixed, noteId } = useFixedByLink(name);
  const { t } = useTranslation();
  const messages = useMessageText();

  // Follow the store when it changes from elsewhere (URL, an opened run): adjusted while rendering, as React advises.
  // A change this field made (a typed value, or the return to `before`) keeps the text as typed.
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    const ownChange = problem ? value === before : Number(draft) === value;
    if (!ownChange) {
      setDraft(String(value));
      setProblem(null);
      setBefore(value);
    }
  }

  const onChange = (text: string) => {
    setDraft(text);
    const parsed = text.trim() === '' ? NaN : Number(text);
    const refused = setSetting(name, parsed as never);
    if (refused) setSetting(name, before as never);
    setProblem(refused);
  };

  return (
    <label className="field">
      <span>{t(`settings.${name}`)}</span>
      <input
        type="number"
        inputMode={spec.kind === 'integer' ? 'numeric' : 'decimal'}
        min={spec.minExclusive ? undefined : spec.min}
        max={spec.max}
        step={spec.kind === 'integer' ? 1 : 'any'}
        value={draft}
        disabled={disabled || fixed}
        aria-invalid={problem || refused ? true : undefined}
        aria-describedby={problem || refused ? messageId : fixed ? noteId : undefined}
        onChange={(e) => onChange(e.target.value)}
        onFocus={() => {
          if (!problem) setBefore(value);
        }}
        onBlur={() => {
          if (problem) return;
          setDraft(String(value));
        }}
      />
      {problem ? (
        <small id={messageId} role="alert" className="error">
          {t('settings.using', { problem: messages.text(problem), value: String(value) })}
        </small>
      ) : (
        refused && (
          <small id={messageId} role="alert" className="error">
            {t('settings.refused', { problem: messages.text(refused) })}
          </small>
        )
      )}
      {fixed && <FixedNote id={noteId} />}
    </label>
  );
}

/**
 * `wide`: the field takes two columns of the settings grid where there are two (long option names, e.g. the datasets).
 * `unavailable`: options that cannot be chosen here (shown disabled); `hint`: a line under the field saying why.
 */
export function ChoiceSetting({
  name,
  disabled,
  wide,
  unavailable = [],
  hint,
}: {
  name: ChoiceKey;
  disabled?: boolean;
  wide?: boolean;
  unavailable?: readonly string[];
  hint?: string | null;
}) {
  const spec = SETTINGS_SCHEMA[name];
  const value = useLab((s) => s.settings[name]);
  const setSetting = useLab((s) => s.setSetting);
  const hintId = useId();
  const { fixed, noteId } = useFixedByLink(name);
  const { t } = useTranslation();
  const described = [fixed ? noteId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <label className={wide ? 'field field-wide' : 'field'}>
      <span>{t(`settings.${name}`)}</span>
      <select
        value={value}
        disabled={disabled || fixed}
        onChange={(e) => setSetting(name, e.target.value as never)}
        aria-describedby={described || undefined}
      >
        {spec.options.map((o) => (
          <option key={o.value} value={o.value} disabled={unavailable.includes(o.value) && o.value !== value}>
            {OPTION_KEYS[o.value] ? t(OPTION_KEYS[o.value]) : o.label}
          </option>
        ))}
      </select>
      {fixed && <FixedNote id={noteId} />}
      {hint && (
        <small id={hintId} className="muted">
          {hint}
        </small>
      )}
    </label>
  );
}

/** Where the run computes: Exact or Fast on the CPU, or the GPU when WebGPU offers an adapter (named below the field). */
export function ComputeSetting({ disabled }: { disabled?: boolean }) {
  const gpu = useLab((s) => s.gpu);
  const { t } = useTranslation();
  const configs = useLab((s) => runConfigs(s.settings).length);
  const gpuHint =
    gpu.status === 'available'
      ? t('compute.gpuFound', { adapter: gpu.adapter })
      : gpu.status === 'checking'
        ? t('compute.checking')
        : t('compute.gpuMissing', { reason: gpu.reason });
  // How the CPU choices use the cores: WebAssembly threads where the page is cross-origin isolated.
  const cpu = pageComputeThreads(configs);
  const hint = t('compute.hint', {
    cpu: cpu.isolated
      ? t('compute.threads', { threads: cpu.threads, cores: cpu.cores, configs })
      : t('compute.noIsolation'),
    gpu: gpuHint,
  });
  return (
    <ChoiceSetting
      name="kernels"
      disabled={disabled}
      unavailable={gpu.status === 'available' ? [] : ['gpu']}
      hint={hint}
      wide
    />
  );
}

export function KeepProbSlider() {
  const spec = SETTINGS_SCHEMA.keepProb;
  const value = useLab((s) => s.settings.keepProb);
  const setSetting = useLab((s) => s.setSetting);
  const id = useId();
  const { fixed, noteId } = useFixedByLink('keepProb');
  const { t } = useTranslation();
  return (
    <div className="field slider-field">
      <label htmlFor={id}>{t('settings.keepProb')}</label>
      <div className="slider-row">
        <input
          id={id}
          type="range"
          min={spec.min}
          max={spec.max}
          step={spec.step}
          value={value}
          aria-valuetext={t('settings.sliderValue', { value: String(value) })}
          disabled={fixed}
          aria-describedby={fixed ? noteId : undefined}
          onChange={(e) => setSetting('keepProb', Math.round(Number(e.target.value) * 100) / 100)}
        />
        {/* Not an <output>: its implicit status role would compete with the run's status line. */}
        <span className="slider-value" aria-hidden="true">
          p = {value}
        </span>
      </div>
      {fixed && <FixedNote id={noteId} />}
    </div>
  );
}

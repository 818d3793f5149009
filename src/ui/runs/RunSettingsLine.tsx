import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { SETTING_KEYS, SETTINGS_SCHEMA, type RunSettings } from '../../store/settingsSchema.ts';
import { useDatasetName } from '../i18n/datasetName.ts';
import { OPTION_KEYS } from '../settings/SettingField.tsx';
import { SCALING_KEYS } from '../settings/ScalingToggle.tsx';

/** "Keep probability 0.5 · Hidden size 500 · … · Seed 7 · …", from the settings table, in the reader's language. */
export function settingsText(t: TFunction, settings: RunSettings, datasetName?: string): string {
  return SETTING_KEYS.map((key) => {
    const label = t(`settings.${key}`);
    const value = settings[key];
    if (key === 'dataset' && datasetName) return `${label} ${datasetName}`;
    const spec = SETTINGS_SCHEMA[key];
    if (spec.kind !== 'choice') return `${label} ${String(value)}`;
    const shown =
      key === 'scaling'
        ? t(SCALING_KEYS[value as RunSettings['scaling']].long)
        : OPTION_KEYS[String(value)]
          ? t(OPTION_KEYS[String(value)])
          : String(value);
    return `${label} ${shown}`;
  }).join(' · ');
}

/** The settings and seed a run was trained with, shown with its results. */
export function RunSettingsLine({ settings, datasetName }: { settings: RunSettings; datasetName: string }) {
  const { t } = useTranslation();
  const name = useDatasetName();
  return (
    <p className="run-settings muted">
      {t('export.trainedWith', { settings: settingsText(t, settings, name(datasetName)) })}
    </p>
  );
}

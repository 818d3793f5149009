import { SETTING_KEYS, SETTINGS_SCHEMA, type RunSettings } from '../store/settingsSchema.ts';

/** "Keep probability 0.5 · Hidden size 500 · … · Seed 7 · …", from the settings table; the dataset by its loaded name when known. */
export function settingsText(settings: RunSettings, datasetName?: string): string {
  return SETTING_KEYS.map((key) => {
    const spec = SETTINGS_SCHEMA[key];
    const value = settings[key];
    if (key === 'dataset' && datasetName) return `${spec.label} ${datasetName}`;
    const shown = spec.kind === 'choice'
      ? ((spec.options as readonly { value: string; label: string }[]).find((o) => o.value === value)?.label ?? String(value))
      : String(value);
    return `${spec.label} ${shown}`;
  }).join(' · ');
}

/** The settings and seed a run was trained with, shown with its results. */
export function RunSettingsLine({ settings, datasetName }: { settings: RunSettings; datasetName: string }) {
  return <p className="run-settings muted">Trained with: {settingsText(settings, datasetName)}</p>;
}

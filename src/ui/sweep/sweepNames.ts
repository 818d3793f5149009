import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { SweepAxis } from '../../store/sweepGrid.ts';

/** Catalogue keys of what each sweep axis varies, as the axis choice and the table's first column name it. */
export const AXIS_LABEL = {
  hiddenSize: 'sweep.axisHiddenSize',
  numTrain: 'sweep.axisNumTrain',
  fixedPn: 'sweep.axisFixedPn',
} as const satisfies Record<SweepAxis, string>;

const ROW_NAME = {
  hiddenSize: 'sweep.rowHiddenSize',
  numTrain: 'sweep.rowNumTrain',
  fixedPn: 'sweep.rowFixedPn',
} as const satisfies Record<SweepAxis, string>;

/** A row's name: "200 hidden units", "500 training examples", "p·n = 50". */
export const useRowName = () => {
  const { t } = useTranslation();
  return useCallback((axis: SweepAxis, count: number) => t(ROW_NAME[axis], { count }), [t]);
};

import type { FciBand } from '@district/contracts';

/** Lower bounds (in %) of the fair, poor and critical bands; below `fair` is good. DOMAIN.md: 5, 10, 30. */
export interface FciBands {
  fair: number;
  poor: number;
  critical: number;
}

export const DEFAULT_FCI_BANDS: FciBands = { fair: 5, poor: 10, critical: 30 };

/** Parses "5,10,30" (three increasing percentages); returns the problems when it cannot. */
export function parseFciBands(text: string): FciBands | string {
  const parts = text.split(',').map((p) => p.trim());
  const values = parts.map(Number);
  if (parts.length !== 3 || values.some((v, i) => parts[i] === '' || !Number.isFinite(v) || v <= 0)) return 'expected three positive percentages, e.g. "5,10,30"';
  if (!(values[0] < values[1] && values[1] < values[2])) return 'the cut points must increase (fair < poor < critical)';
  return { fair: values[0], poor: values[1], critical: values[2] };
}

/** FCI = deficiencies ÷ current replacement value, in % (null without a positive replacement value). */
export function fciPercent(deficiencyCost: number, replacementValue: number | null): number | null {
  if (replacementValue === null || !(replacementValue > 0)) return null;
  return (deficiencyCost / replacementValue) * 100;
}

/** Band of an FCI in %: each cut point belongs to the worse band (5 % exactly is fair). */
export function fciBand(fci: number | null, bands: FciBands): FciBand | null {
  if (fci === null) return null;
  if (fci >= bands.critical) return 'critical';
  if (fci >= bands.poor) return 'poor';
  if (fci >= bands.fair) return 'fair';
  return 'good';
}

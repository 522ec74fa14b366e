/**
 * Community Eligibility Provision (DOMAIN.md section 3): ISP = identified students ÷ enrolled students;
 * qualifies at ISP ≥ the minimum (25 % since 26 Oct 2023); free claiming % = min(ISP × multiplier, 100 %)
 * (multiplier 1.6), paid % = the rest, no reduced-price category. Fractions are kept exact (integer
 * numerator and denominator) so a claim can be computed to the cent; any rounding is configuration.
 */
export interface Fraction {
  num: number;
  den: number;
}

/** `none` keeps full precision; otherwise the free claiming percentage is rounded (or truncated) to `decimals` places of a percent. */
export type CepRounding = { mode: 'none' } | { mode: 'round' | 'truncate'; decimals: number };

export interface CepPolicy {
  /** minimum ISP to qualify, as a fraction (0.25) */
  minimumIsp: number;
  /** ISP multiplier (1.6) */
  multiplier: number;
  rounding: CepRounding;
}

export const DEFAULT_CEP_POLICY: CepPolicy = { minimumIsp: 0.25, multiplier: 1.6, rounding: { mode: 'none' } };

export interface CepPercentages {
  isp: Fraction;
  qualifies: boolean;
  free: Fraction;
  paid: Fraction;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
export const frac = (num: number, den: number): Fraction => {
  const g = gcd(Math.abs(num), Math.abs(den)) || 1;
  return { num: num / g, den: den / g };
};
export const value = (f: Fraction): number => f.num / f.den;

/** A decimal policy number as an exact fraction (1.6 → 8/5), from its decimal text. */
export function decimalFraction(x: number): Fraction {
  const text = String(x);
  if (/e/i.test(text)) throw new Error(`not a plain decimal: ${text}`);
  const decimals = text.includes('.') ? text.split('.')[1].length : 0;
  const den = 10 ** decimals;
  return frac(Math.round(x * den), den);
}

function applyRounding(f: Fraction, rounding: CepRounding): Fraction {
  if (rounding.mode === 'none') return f;
  // percent with `decimals` places: units of 10^-(decimals+2)
  const scale = 10 ** (rounding.decimals + 2);
  const scaled = (f.num * scale) / f.den;
  // the epsilon guards products like 0.4 × 1.6 × 10^4 landing just under a whole number in binary
  const units = rounding.mode === 'round' ? Math.floor(scaled + 0.5 + 1e-9) : Math.floor(scaled + 1e-9);
  return frac(units, scale);
}

export function cepPercentages(identified: number, enrolled: number, policy: CepPolicy = DEFAULT_CEP_POLICY): CepPercentages {
  if (!Number.isInteger(identified) || !Number.isInteger(enrolled) || identified < 0 || enrolled <= 0 || identified > enrolled) {
    throw new Error(`ISP needs 0 ≤ identified ≤ enrolled and enrolled > 0 (got ${identified} of ${enrolled})`);
  }
  const isp = frac(identified, enrolled);
  const m = decimalFraction(policy.multiplier);
  const min = decimalFraction(policy.minimumIsp);
  const qualifies = identified * min.den >= min.num * enrolled;
  // min(ISP × multiplier, 1), exactly
  const product = frac(identified * m.num, enrolled * m.den);
  const capped = product.num >= product.den ? frac(1, 1) : product;
  const free = applyRounding(capped, policy.rounding);
  return { isp, qualifies, free, paid: frac(free.den - free.num, free.den) };
}

/** Parses `none`, `round:N` or `truncate:N` (N decimal places of a percent, 0-6). */
export function parseCepRounding(text: string): CepRounding | null {
  if (text === 'none') return { mode: 'none' };
  const m = /^(round|truncate):([0-6])$/.exec(text);
  return m ? { mode: m[1] as 'round' | 'truncate', decimals: Number(m[2]) } : null;
}

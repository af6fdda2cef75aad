// Guardrails as a merchandiser reads and types them: shares as percentages, money in dollars,
// the rest in their own unit; with the range from the device's field description.
import type { GuardrailField } from '../../../../../core/contract/index';
import type { ParseResult } from '../affinities/affinityEdit';

const UNIT_WORD: Record<GuardrailField['unit'], string> = {
  days: 'days',
  units: 'units',
  minutes: 'min',
  cents: '$',
  share: '%',
  factor: '×',
  per_week: 'per week',
};

export function unitWord(field: GuardrailField): string {
  return UNIT_WORD[field.unit];
}

/** Device value → what the input shows. */
export function toDisplay(field: Pick<GuardrailField, 'unit'>, value: number): string {
  switch (field.unit) {
    case 'share':
      return String(round(value * 100, 2));
    case 'cents':
      return String(round(value / 100, 2));
    default:
      return String(round(value, 4));
  }
}

function fromDisplayNumber(field: Pick<GuardrailField, 'unit'>, n: number): number {
  switch (field.unit) {
    case 'share':
      return round(n / 100, 6);
    case 'cents':
      return Math.round(n * 100);
    default:
      return n;
  }
}

/** "All values between" in the field's own unit: "0–50%", "$0–$1,000", "1–1,440 min". */
export function rangeText(field: GuardrailField): string {
  const fmt = (v: number) => {
    const shown = Number(toDisplay(field, v)).toLocaleString('en-US');
    return field.unit === 'cents' ? `$${shown}` : shown;
  };
  const span = `${fmt(field.min)}–${fmt(field.max)}`;
  if (field.unit === 'cents') return span;
  if (field.unit === 'share') return `${span}%`;
  return `${span} ${UNIT_WORD[field.unit]}`;
}

/** What was typed → the device value, with the field's range and whole-number rules checked. */
export function parseGuardrail(field: GuardrailField, text: string): ParseResult<number> {
  const cleaned = text.trim().replace(/[$,%\s]/g, '');
  if (!cleaned) return { ok: false, message: 'Required' };
  const n = Number(cleaned);
  if (!Number.isFinite(n)) return { ok: false, message: 'Must be a number' };
  const value = fromDisplayNumber(field, n);
  if (field.integer && !Number.isInteger(value)) return { ok: false, message: field.unit === 'cents' ? 'Whole cents only' : 'Must be a whole number' };
  if (value < field.min || value > field.max) return { ok: false, message: `Must be between ${rangeText(field)}` };
  return { ok: true, value };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

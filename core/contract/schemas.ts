import { z } from 'zod';

// Characters no person types into a form: C0/C1 controls (tab/newline aside), NUL,
// and bidi overrides that can disguise what a string says.
export const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/** User-typed text: NFC-normalized, trimmed, bounded, no control characters. */
export function text(max: number, min = 0) {
  return z
    .string()
    .max(max * 4, { message: `at most ${max} characters` }) // cheap bound before normalizing
    .transform((s) => s.normalize('NFC').trim())
    .refine((s) => !FORBIDDEN_CHARS.test(s), { message: 'contains control characters' })
    .refine((s) => [...s].length <= max, { message: `at most ${max} characters` })
    .refine((s) => [...s].length >= min, { message: min === 1 ? 'required' : `at least ${min} characters` });
}

/** An id minted by the hub or this device: short, printable ASCII. */
export const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/, { message: 'not a valid id' });

export const empty = z.object({}).strict();

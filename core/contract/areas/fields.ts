import { z } from 'zod';
import { define } from '../define.js';
import { FIELD_RULES, type FieldName } from '../fields.js';

/** The device's verdict on typed fields: a plain-words problem per field that has one. */
export interface FieldCheck {
  problems: Partial<Record<FieldName, string>>;
}

const values = z
  .object(Object.fromEntries(Object.keys(FIELD_RULES).map((name) => [name, z.string().max(1000).optional()])) as Record<FieldName, z.ZodOptional<z.ZodString>>)
  .strict();

export const fieldsContract = {
  // Forms ask here as the person types: the same rules the API applies when the form is sent.
  'fields.check': define<FieldCheck>()({ input: z.object({ values }).strict(), access: 'staff', write: false }),
} as const;

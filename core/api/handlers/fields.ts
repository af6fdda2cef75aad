import { fieldProblems } from '../../contract/fields.js';
import type { HandlerSet } from '../context.js';

export const fieldHandlers: HandlerSet<'fields.check'> = {
  'fields.check'(_ctx, { values }) {
    return { problems: fieldProblems(values) };
  },
};

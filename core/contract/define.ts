import type { z } from 'zod';
import type { Role } from './types.js';

/** Who may call a handler: nobody logged in, anyone logged in, or the listed roles. */
export type Access = 'public' | 'staff' | readonly Role[];

export interface Definition<In extends z.ZodType, Out> {
  input: In;
  access: Access;
  /** Writing handlers run one at a time, each in one SQLite transaction. */
  write: boolean;
  /** Phantom: carries the output type. */
  output?: Out;
}

/** `define<Output>()({ input, access, write })`: one call of the API. */
export function define<Out>() {
  return <In extends z.ZodType>(d: Omit<Definition<In, Out>, 'output'>): Definition<In, Out> => d;
}

import * as m001 from './001_initial.js';
import * as m002 from './002_engine.js';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

// One ordered list; a migration's number is its position. Append only.
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', up: m001.up },
  { version: 2, name: 'engine', up: m002.up },
];

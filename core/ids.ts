import { uuidv7 } from 'uuidv7';

/** A client-generated, time-sortable id (UUIDv7): sorting by id is sorting by creation time. */
export function newId(): string {
  return uuidv7();
}

// If the device says nobody is logged in (its host restarted, or the session ended
// elsewhere), the screen must follow at once rather than keep showing a customer.
import type { ApiErrorValue } from '../../../core/contract/index';
import { useSessionStore } from './sessionStore';

export function followSessionLoss(error: ApiErrorValue): void {
  if (error.code === 'unauthenticated') useSessionStore.getState().sessionChanged(null);
}

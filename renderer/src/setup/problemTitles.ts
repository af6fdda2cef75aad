// The headline of each way an enrolment can fail; the device's message says what to do next.
import type { SetupProblem } from '../stores/setupStore';

export const PROBLEM_TITLES: Record<SetupProblem['reason'], string> = {
  not_a_code: 'That is not an enrolment code',
  mistyped: 'There is a typing mistake in the code',
  expired: 'This code has expired',
  used: 'This code was already used',
  wrong_hub: 'This code is for another hub',
  fingerprint_mismatch: 'The hub’s certificate does not match the code',
  unreachable: 'The hub cannot be reached',
  refused: 'The hub refused the code',
  device: 'This register could not be set up',
};

// Whether the device holds the draft on screen. "Saved" appears only after a save succeeded.
import type { SaveState } from '../../stores/merchDraftStore';
import { Icon } from '../../ui/Icon';
import { RelativeTime } from '../../ui/RelativeTime';

const LABEL: Record<SaveState, string> = {
  saved: 'Saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  error: 'Not saved',
  conflict: 'Not saved: changed elsewhere',
};

interface SaveStatusProps {
  state: SaveState;
  /** Fields holding text that cannot be saved: the screen is ahead of the device. */
  invalidFields: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export function SaveStatus({ state, invalidFields, updatedAt, updatedBy }: SaveStatusProps) {
  if (invalidFields > 0 && (state === 'saved' || state === 'unsaved')) {
    return (
      <span className="save-status is-error" data-testid="save-status" data-state="invalid" role="status">
        <Icon name="alert" size={16} />
        <span>Not saved: {invalidFields === 1 ? '1 field to fix' : `${invalidFields} fields to fix`}</span>
      </span>
    );
  }
  return (
    <span className={`save-status is-${state}`} data-testid="save-status" data-state={state} role="status">
      <Icon name={state === 'saved' ? 'check' : state === 'error' || state === 'conflict' ? 'alert' : 'clock'} size={16} />
      <span>{LABEL[state]}</span>
      {state === 'saved' && updatedAt ? (
        <span className="save-when">
          {updatedBy ? `by ${updatedBy} ` : ''}
          <RelativeTime iso={updatedAt} />
        </span>
      ) : null}
    </span>
  );
}

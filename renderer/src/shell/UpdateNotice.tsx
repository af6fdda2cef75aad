// "Update ready — restart when the till is idle": the update is downloaded and verified; the
// restart is the person's choice, and never offered while a sale or a capture is open.
import { useShellStore } from '../stores/shellStore';
import { Icon } from '../ui/Icon';
import { useUnsavedWork } from './unsavedWork';

export function UpdateNotice() {
  const { update, restart, restartError } = useShellStore();
  const unsaved = useUnsavedWork();
  if (!update) return null;
  return (
    <div className="update-banner" role="status" data-testid="update-ready" title={restartError ?? `Endcap ${update.version} is downloaded and verified.`}>
      <Icon name="info" size={16} />
      <span className="update-banner-text">Update ready — restart when the till is idle</span>
      <button
        type="button"
        className="button button-secondary"
        disabled={unsaved !== null}
        // A greyed button says why.
        aria-describedby={unsaved ? 'update-wait-reason' : undefined}
        onClick={() => void restart()}
        data-testid="update-restart"
      >
        {unsaved ? 'Restart after this sale' : 'Restart now'}
      </button>
      {unsaved ? (
        <span id="update-wait-reason" className="visually-hidden">
          Waiting for {unsaved}
        </span>
      ) : null}
    </div>
  );
}

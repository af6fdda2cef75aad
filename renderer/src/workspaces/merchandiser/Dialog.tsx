// A modal dialog on the native <dialog>: focus stays inside, Escape closes, the page behind is inert.
import { useEffect, useRef, type ReactNode } from 'react';
import { Icon } from '../../ui/Icon';

interface DialogProps {
  title: string;
  subtitle?: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  testId?: string;
}

export function Dialog({ title, subtitle, onClose, children, footer, wide, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'merch-dialog is-wide' : 'merch-dialog'}
      aria-labelledby="merch-dialog-title"
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="merch-dialog-head">
        <div>
          <h2 id="merch-dialog-title" className="merch-dialog-title">
            {title}
          </h2>
          {subtitle ? <p className="merch-dialog-subtitle">{subtitle}</p> : null}
        </div>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          <Icon name="close" size={20} />
        </button>
      </header>
      <div className="merch-dialog-body">{children}</div>
      {footer ? <footer className="merch-dialog-foot">{footer}</footer> : null}
    </dialog>
  );
}

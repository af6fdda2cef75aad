// A new affinity: which purchase leads to which suggestion, when, and how strongly.
import { useState } from 'react';
import type { CategoryNode, MerchAffinity } from '../../../../../core/contract/index';
import { CategoryPicker } from '../CategoryPicker';
import { Dialog } from '../Dialog';
import { categoryName, type CategoryIndex } from '../categories';
import { newAffinityId, parseWeight, parseWindow } from './affinityEdit';

interface AddAffinityDialogProps {
  categories: CategoryIndex;
  takenIds: ReadonlySet<string>;
  onAdd: (affinity: MerchAffinity) => void;
  onClose: () => void;
}

export function AddAffinityDialog({ categories, takenIds, onAdd, onClose }: AddAffinityDialogProps) {
  const [from, setFrom] = useState<CategoryNode | null>(null);
  const [to, setTo] = useState<CategoryNode | null>(null);
  const [window, setWindow] = useState('7–30');
  const [weight, setWeight] = useState('0.8');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);

  const parsedWindow = parseWindow(window);
  const parsedWeight = parseWeight(weight);
  const ready = from && to && parsedWindow.ok && parsedWeight.ok;

  const add = () => {
    setTried(true);
    if (!ready || !from || !to || !parsedWindow.ok || !parsedWeight.ok) return;
    onAdd({
      id: newAffinityId(from.name, to.name, takenIds),
      fromCategoryId: from.id,
      toCategoryId: to.id,
      skus: [],
      ...parsedWindow.value,
      weight: parsedWeight.value,
      seasonStart: null,
      seasonEnd: null,
      storeIds: [],
      active: true,
      note: note.trim(),
    });
  };

  return (
    <Dialog
      title="Add an affinity"
      subtitle="After a customer buys from one category, suggest another within a window of days."
      onClose={onClose}
      wide
      testId="add-affinity"
      footer={
        <>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button-primary" onClick={add}>
            Add to draft
          </button>
        </>
      }
    >
      <div className="add-grid">
        <section className="add-pick">
          <h3 className="field-label">
            Bought <span className="field-value">{from ? categoryName(categories, from.id) : 'choose a category'}</span>
          </h3>
          <CategoryPicker categories={categories.list} value={from?.id ?? null} label="Bought category" onPick={setFrom} autoFocus />
          {tried && !from ? <p className="field-error">Choose the category the customer bought.</p> : null}
        </section>
        <section className="add-pick">
          <h3 className="field-label">
            Suggest <span className="field-value">{to ? categoryName(categories, to.id) : 'choose a category'}</span>
          </h3>
          <CategoryPicker categories={categories.list} value={to?.id ?? null} label="Suggested category" onPick={setTo} />
          {tried && !to ? <p className="field-error">Choose the category to suggest.</p> : null}
        </section>
      </div>
      <div className="add-fields">
        <label className="form-field">
          <span className="field-label">Window (days after the purchase)</span>
          <input className="text-field" value={window} onChange={(e) => setWindow(e.target.value)} aria-invalid={!parsedWindow.ok || undefined} />
          {!parsedWindow.ok ? <span className="field-error">{parsedWindow.message}</span> : null}
        </label>
        <label className="form-field">
          <span className="field-label">Weight</span>
          <input className="text-field" value={weight} onChange={(e) => setWeight(e.target.value)} aria-invalid={!parsedWeight.ok || undefined} />
          {!parsedWeight.ok ? <span className="field-error">{parsedWeight.message}</span> : null}
        </label>
        <label className="form-field is-grow">
          <span className="field-label">Note</span>
          <input className="text-field" value={note} maxLength={500} placeholder="Why this pair" onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
    </Dialog>
  );
}

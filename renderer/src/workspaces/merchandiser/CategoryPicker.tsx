// Choosing a category from the real tree: type to narrow, arrows to move, Enter to choose.
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { CategoryNode } from '../../../../core/contract/index';
import { Icon } from '../../ui/Icon';
import { searchCategories } from './categories';

interface CategoryPickerProps {
  categories: readonly CategoryNode[];
  value: string | null;
  onPick: (category: CategoryNode) => void;
  onCancel?: () => void;
  label: string;
  autoFocus?: boolean;
  /** Ids that cannot be chosen (e.g. already blocked). */
  exclude?: ReadonlySet<string>;
}

export function CategoryPicker({ categories, value, onPick, onCancel, label, autoFocus, exclude }: CategoryPickerProps) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const options = useMemo(() => searchCategories(categories, text).filter((c) => !exclude?.has(c.id)), [categories, text, exclude]);
  const searching = text.trim().length > 0;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(0, Math.min(options.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const pick = options[active];
      if (pick) onPick(pick);
    } else if (e.key === 'Escape' && onCancel) {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    }
  };

  return (
    <div className="category-picker" data-testid="category-picker">
      <label className="category-search">
        <Icon name="search" size={16} />
        <span className="visually-hidden">{label}</span>
        <input
          type="search"
          role="combobox"
          aria-label={label}
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={options[active] ? `${listId}-${active}` : undefined}
          placeholder="Search categories"
          value={text}
          autoFocus={autoFocus}
          autoComplete="off"
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
      </label>
      <ul className="category-options" role="listbox" id={listId} aria-label={label}>
        {options.map((c, i) => (
          <li
            key={c.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={c.id === value}
            className={`category-option${i === active ? ' is-active' : ''}${c.id === value ? ' is-current' : ''}`}
            style={searching ? undefined : { paddingLeft: 10 + c.depth * 16 }}
            data-category-id={c.id}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => onPick(c)}
          >
            <span className={c.depth === 0 ? 'category-option-name is-top' : 'category-option-name'}>{c.name}</span>
            {searching ? <span className="category-option-path">{c.pathName}</span> : null}
            {c.sensitive ? <span className="badge badge-quiet">Sensitive</span> : null}
            <span className="category-option-count">{c.products.toLocaleString('en-US')}</span>
          </li>
        ))}
        {options.length === 0 ? <li className="category-empty">No category matches “{text}”.</li> : null}
      </ul>
    </div>
  );
}

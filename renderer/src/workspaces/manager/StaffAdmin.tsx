// Staff of this store, for its manager: add a person, set roles, deactivate or reactivate, and
// reset a PIN (the person chooses a new one at their next sign-in). A TanStack table like every
// table in the app; each change is saved at once and travels to the hub.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { createColumnHelper, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import type { Role, StaffMember } from '../../../../core/contract/index';
import { roleLabel } from '../../format/labels';
import { useSessionStore } from '../../stores/sessionStore';
import { useStaffAdminStore } from '../../stores/staffAdminStore';
import { Avatar } from '../../ui/Avatar';
import { Icon } from '../../ui/Icon';
import { Notice } from '../../ui/Notice';
import { RowCells, SortableHead } from '../../ui/dataTable';

const ROLES: Role[] = ['associate', 'merchandiser', 'manager'];
const column = createColumnHelper<StaffMember>();

export function StaffAdmin() {
  const { staff, busyId, error, done, load, add, update, resetPin } = useStaffAdminStore();
  const me = useSessionStore((s) => s.session?.staffId);
  const storeName = useSessionStore((s) => s.session?.storeName);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('associate');

  useEffect(() => {
    void load();
  }, [load]);

  const columns = useMemo(
    () => [
      column.accessor('displayName', {
        header: 'Name',
        cell: (i) => (
          <span className="staff-name">
            <Avatar name={i.getValue()} size="sm" />
            {i.getValue()}
            {i.row.original.id === me ? <span className="badge badge-quiet">You</span> : null}
          </span>
        ),
      }),
      column.accessor('role', {
        header: 'Role',
        cell: (i) => {
          const m = i.row.original;
          return (
            <select
              className="text-input staff-role"
              aria-label={`Role of ${m.displayName}`}
              value={m.role}
              disabled={busyId === m.id || m.id === me || !m.active}
              onChange={(e) => void update(m, { role: e.target.value as Role })}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {roleLabel[r]}
                </option>
              ))}
            </select>
          );
        },
      }),
      column.accessor((m) => (m.active ? 'Active' : 'Inactive'), {
        id: 'status',
        header: 'Status',
        cell: (i) => <span className={i.row.original.active ? 'badge badge-ok' : 'badge badge-quiet'}>{i.getValue()}</span>,
      }),
      column.accessor((m) => (m.pinSet ? (m.locked ? 'Locked' : 'Set') : 'Not chosen yet'), {
        id: 'pin',
        header: 'PIN',
        cell: (i) => {
          const m = i.row.original;
          return <span className={m.locked ? 'badge badge-locked' : m.pinSet ? 'muted' : 'badge badge-pending'}>{i.getValue()}</span>;
        },
      }),
      column.display({
        id: 'actions',
        header: '',
        cell: (i) => {
          const m = i.row.original;
          return (
            <span className="staff-actions">
              <button type="button" className="button button-ghost button-sm" disabled={busyId === m.id || !m.active} onClick={() => void resetPin(m)}>
                <Icon name="key" size={16} /> Reset PIN
              </button>
              {m.id === me ? null : (
                <button type="button" className="button button-ghost button-sm" disabled={busyId === m.id} onClick={() => void update(m, { active: !m.active })}>
                  {m.active ? 'Deactivate' : 'Reactivate'}
                </button>
              )}
            </span>
          );
        },
      }),
    ],
    [busyId, me, update, resetPin],
  );

  const table = useReactTable({
    data: staff ?? [],
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (m) => m.id,
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() && (await add(name.trim(), role))) setName('');
  };

  return (
    <section className="page staff-admin" data-testid="staff-admin">
      <header className="dashboard-head">
        <div>
          <h1 className="page-title">Staff</h1>
          <p className="page-subtitle">Who signs in at {storeName ?? 'this store'}. Changes reach every register through the hub.</p>
        </div>
      </header>
      {error ? <Notice tone="error" title={error.message} testId="staff-error" /> : null}
      {done ? <Notice tone="info" title={done} testId="staff-done" /> : null}
      <form className="panel staff-add" onSubmit={(e) => void submit(e)} aria-label="Add a person">
        <label className="field">
          <span className="field-label">Name</span>
          <input className="text-input" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} placeholder="First and last name" autoComplete="off" />
        </label>
        <label className="field">
          <span className="field-label">Role</span>
          <select className="text-input" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel[r]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button-primary" disabled={!name.trim() || busyId === 'new'} aria-describedby="staff-add-note">
          <Icon name="plus" size={18} /> Add person
        </button>
        <p className="muted staff-add-note" id="staff-add-note">
          {name.trim() ? '' : 'Type a name to add someone. '}A new person has no PIN: they choose one the first time they sign in.
        </p>
      </form>
      <div className="panel panel-flush">
        <table className="data-table staff-table" data-testid="staff-table">
          <SortableHead table={table} />
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} data-testid="staff-row" data-row-id={row.id} className={row.original.active ? undefined : 'is-inactive'}>
                <RowCells row={row} />
              </tr>
            ))}
          </tbody>
        </table>
        {staff && staff.length === 0 ? <p className="muted panel-pad">Nobody works at this store yet.</p> : null}
      </div>
    </section>
  );
}

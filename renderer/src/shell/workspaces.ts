// The workspaces of DESIGN §2 and who may open them. A workspace is listed only once it
// has a feature: an empty tab is worse than none. Merchandisers and managers tune the offer
// rules; associates never see them (the API refuses them too).
import { lazy, type ComponentType } from 'react';
import type { Role } from '../../../core/contract/index';
import { AssociateWorkspace } from '../workspaces/associate/AssociateWorkspace';
import { SearchWorkspace } from '../workspaces/associate/search/SearchWorkspace';

export interface Workspace {
  id: 'associate' | 'search' | 'merchandiser' | 'manager' | 'staff' | 'reports' | 'register';
  label: string;
  roles: readonly Role[];
  component: ComponentType;
}

// The dashboard's charts are a large bundle that tablets at the till never need: loaded on first open.
const ManagerWorkspace = lazy(() => import('../workspaces/manager/ManagerWorkspace').then((m) => ({ default: m.ManagerWorkspace })));
// Back-office only, and it brings charts and the editable grid: loaded on first open too.
const StaffAdmin = lazy(() => import('../workspaces/manager/StaffAdmin').then((m) => ({ default: m.StaffAdmin })));
// The chain's reports (charts too): loaded on first open.
const ChainReportsWorkspace = lazy(() => import('../workspaces/reports/ChainReportsWorkspace').then((m) => ({ default: m.ChainReportsWorkspace })));
const RegisterSettings = lazy(() => import('../workspaces/manager/RegisterSettings').then((m) => ({ default: m.RegisterSettings })));
const MerchWorkspace = lazy(() => import('../workspaces/merchandiser/MerchWorkspace').then((m) => ({ default: m.MerchWorkspace })));

const workspaces: readonly Workspace[] = [
  { id: 'associate', label: 'Checkout', roles: ['associate', 'merchandiser', 'manager'], component: AssociateWorkspace },
  { id: 'search', label: 'Search', roles: ['associate', 'merchandiser', 'manager'], component: SearchWorkspace },
  { id: 'merchandiser', label: 'Offer rules', roles: ['merchandiser', 'manager'], component: MerchWorkspace },
  { id: 'manager', label: 'Store reports', roles: ['manager'], component: ManagerWorkspace },
  { id: 'reports', label: 'Chain reports', roles: ['merchandiser'], component: ChainReportsWorkspace },
  { id: 'staff', label: 'Staff', roles: ['manager'], component: StaffAdmin },
  { id: 'register', label: 'Register', roles: ['manager'], component: RegisterSettings },
];

export function workspacesFor(role: Role): Workspace[] {
  return workspaces.filter((w) => w.roles.includes(role));
}

/** Where a role lands after login: merchandisers work on the offer rules, everyone else at checkout. */
export function homeWorkspaceFor(role: Role): Workspace['id'] {
  return role === 'merchandiser' ? 'merchandiser' : 'associate';
}

// The workspaces of DESIGN §2 and who may open them. A workspace is listed only once it
// has a feature: an empty tab is worse than none. The merchandiser workspace joins this list
// when its first screen lands; until then merchandisers use Checkout and Search too.
import { lazy, type ComponentType } from 'react';
import type { Role } from '../../../core/api/contract';
import { AssociateWorkspace } from '../workspaces/associate/AssociateWorkspace';
import { SearchWorkspace } from '../workspaces/associate/search/SearchWorkspace';

export interface Workspace {
  id: 'associate' | 'search' | 'merchandiser' | 'manager';
  label: string;
  roles: readonly Role[];
  component: ComponentType;
}

// The dashboard's charts are a large bundle that tablets at the till never need: loaded on first open.
const ManagerWorkspace = lazy(() => import('../workspaces/manager/ManagerWorkspace').then((m) => ({ default: m.ManagerWorkspace })));

const workspaces: readonly Workspace[] = [
  { id: 'associate', label: 'Checkout', roles: ['associate', 'merchandiser', 'manager'], component: AssociateWorkspace },
  { id: 'search', label: 'Search', roles: ['associate', 'merchandiser', 'manager'], component: SearchWorkspace },
  { id: 'manager', label: 'Email capture', roles: ['manager'], component: ManagerWorkspace },
];

export function workspacesFor(role: Role): Workspace[] {
  return workspaces.filter((w) => w.roles.includes(role));
}

// The workspaces of DESIGN §2 and who may open them. A workspace is listed only once it
// has a feature: an empty tab is worse than none. Merchandiser and manager workspaces join
// this list when their first screen lands; until then they use Checkout too.
import type { ComponentType } from 'react';
import type { Role } from '../../../core/api/contract';
import { AssociateWorkspace } from '../workspaces/associate/AssociateWorkspace';

export interface Workspace {
  id: 'associate' | 'merchandiser' | 'manager';
  label: string;
  roles: readonly Role[];
  component: ComponentType;
}

const workspaces: readonly Workspace[] = [
  { id: 'associate', label: 'Checkout', roles: ['associate', 'merchandiser', 'manager'], component: AssociateWorkspace },
];

export function workspacesFor(role: Role): Workspace[] {
  return workspaces.filter((w) => w.roles.includes(role));
}

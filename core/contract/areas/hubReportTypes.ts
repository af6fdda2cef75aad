// The hub's chain report as the device keeps and shows it: the wire's own shapes, from the
// zod-only leaf both sides import (sync/protocol/reportShapes.ts); the device checks the hub's
// answer with that schema before it keeps it.
import type { HubReport } from '../../../sync/protocol/reportShapes.js';
import type { CaptureReport } from './analyticsTypes.js';

export type { HubCapture, HubInterval, HubLiftFigure, HubReport, HubStarterCounts } from '../../../sync/protocol/reportShapes.js';

/** What the manager screen gets: the last report the hub sent for this scope, and whether a fresh one is on its way. */
export interface HubReportView {
  report: HubReport | null;
  /** When the device received it. */
  fetchedAt: string | null;
  /** Its age on the device's clock, which the screen shows (the device's clock, like every other age it reports). */
  ageMinutes: number | null;
  /** A newer one was asked of the hub (the screen asks again when the device status changes). */
  requested: boolean;
  connection: 'online' | 'offline' | 'bootstrapping' | 'standalone';
}

/** What the device asks the hub for. */
export interface HubReportRequest {
  staffId: string;
  store?: string;
  from: string;
  to: string;
}

/** The capture dashboard of every register in scope, from the hub's last report, with its age. */
export interface HubCaptureView {
  report: CaptureReport | null;
  /** When the device received the hub's report, and its age on the device's clock. */
  fetchedAt: string | null;
  ageMinutes: number | null;
  requested: boolean;
  connection: HubReportView['connection'];
  /** Whose registers: the manager's store, or the chain (a merchandiser, '*'). */
  scope: string;
}

// The manager's capture dashboard: which days and store, and the report for them.
import { create } from 'zustand';
import { api } from '../bridge';
import type { ApiErrorValue, CaptureReport } from '../../../core/contract/index';
import { followSessionLoss } from './sessionGuard';

export type RangePreset = 'today' | '7d' | '30d' | '90d';
export const PRESET_DAYS: Record<RangePreset, number> = { today: 1, '7d': 7, '30d': 30, '90d': 90 };

interface DashboardState {
  preset: RangePreset;
  /** null = the whole chain. */
  storeId: string | null;
  report: CaptureReport | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiErrorValue | null;
  setPreset(preset: RangePreset): Promise<void>;
  setStore(storeId: string | null): Promise<void>;
  load(): Promise<void>;
}

let latest = 0;

export const useDashboardStore = create<DashboardState>()((set, get) => ({
  preset: '30d',
  storeId: null,
  report: null,
  status: 'idle',
  error: null,

  async setPreset(preset) {
    set({ preset });
    await get().load();
  },

  async setStore(storeId) {
    set({ storeId });
    await get().load();
  },

  async load() {
    const request = ++latest;
    set({ status: 'loading', error: null });
    const { preset, storeId, report } = get();
    // "Today" is the device's store calendar day, learned from the first report.
    const today = report?.today;
    const range = today ? { from: shiftDay(today, -(PRESET_DAYS[preset] - 1)), to: today } : {};
    let result = await api.call('analytics.capture', { ...range, storeId });
    if (result.ok && !today && preset !== '30d') {
      result = await api.call('analytics.capture', { from: shiftDay(result.value.today, -(PRESET_DAYS[preset] - 1)), to: result.value.today, storeId });
    }
    if (request !== latest) return;
    if (result.ok) set({ report: result.value, status: 'ready' });
    else {
      set({ status: 'error', error: result.error });
      followSessionLoss(result.error);
    }
  },
}));

export function shiftDay(day: string, delta: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + delta * 86_400_000).toISOString().slice(0, 10);
}

// The device's identity and sync health, as `device.status` reports it.
import { create } from 'zustand';
import { api } from '../bridge';
import type { DeviceStatus } from '../../../core/contract/index';

interface DeviceState {
  status: DeviceStatus | null;
  /** Device clock minus ours: ages are measured on the device's clock, not the browser's. */
  clockOffsetMs: number;
  /** Set when the device could not be reached at all. */
  unreachable: string | null;
  refresh(): Promise<void>;
  apply(status: DeviceStatus): void;
}

export const useDeviceStore = create<DeviceState>()((set) => ({
  status: null,
  clockOffsetMs: 0,
  unreachable: null,

  async refresh() {
    const result = await api.call('device.status', {});
    if (result.ok) useDeviceStore.getState().apply(result.value);
    else if (result.error.code === 'transport') set({ unreachable: result.error.message });
  },

  apply(status) {
    set({ status, clockOffsetMs: Date.parse(status.now) - Date.now(), unreachable: null });
  },
}));

/** "Now" on the device clock. */
export function deviceNow(): number {
  return Date.now() + useDeviceStore.getState().clockOffsetMs;
}

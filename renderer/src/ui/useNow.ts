// Re-renders on a slow tick so "3 min ago" stays true without a reload.
import { useEffect, useState } from 'react';
import { deviceNow } from '../stores/deviceStore';

export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(deviceNow);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(deviceNow()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

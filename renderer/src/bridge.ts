// The one way the UI reaches the device. In Electron the preload provides `window.endcap`;
// in a plain browser (loopback HTTP host) we build the same interface over fetch + SSE.
// The rest of the renderer imports `api` from here and cannot tell the two apart.
import type { EndcapBridge } from '../../core/contract/index';
import { createHttpBridge } from './httpBridge';

declare global {
  interface Window {
    endcap?: EndcapBridge;
  }
}

export type {
  ApiErrorValue,
  ApiEventName,
  ApiEvents,
  ApiInput,
  ApiName,
  ApiOutput,
  ApiResult,
  EndcapBridge,
} from '../../core/contract/index';

export const api: EndcapBridge = window.endcap ?? createHttpBridge();

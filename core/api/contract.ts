// The whole app API: every call the UI can make, its input schema and its output type.
// The renderer imports types from here only; both transports serve exactly this set.
import { z } from 'zod';
import { empty, id, text } from './schemas.js';
import type {
  CustomerCard,
  DeviceStatus,
  LoginOutcome,
  LookupResult,
  ProductAtStore,
  Role,
  Session,
  StaffTile,
  StarterSet,
} from './types.js';

export type * from './types.js';
import type { ApiResult } from './errors.js';
export type { ApiErrorCode, ApiErrorValue, ApiResult } from './errors.js';

/** Who may call a handler: nobody logged in, anyone logged in, or the listed roles. */
export type Access = 'public' | 'staff' | readonly Role[];

interface Definition<In extends z.ZodType, Out> {
  input: In;
  access: Access;
  /** Writing handlers run one at a time, each in one SQLite transaction. */
  write: boolean;
  /** Phantom: carries the output type. */
  output?: Out;
}

function define<Out>() {
  return <In extends z.ZodType>(d: Omit<Definition<In, Out>, 'output'>): Definition<In, Out> => d;
}

export const lookupKinds = ['auto', 'email', 'phone', 'loyalty', 'name'] as const;

export const contract = {
  'session.staff': define<StaffTile[]>()({ input: empty, access: 'public', write: false }),
  'session.current': define<Session | null>()({ input: empty, access: 'public', write: false }),
  'session.login': define<LoginOutcome>()({
    input: z.object({ staffId: id, pin: z.string().regex(/^\d{4,8}$/, { message: 'a PIN is 4 to 8 digits' }) }).strict(),
    access: 'public',
    write: true,
  }),
  'session.logout': define<null>()({ input: empty, access: 'public', write: false }),

  'device.status': define<DeviceStatus>()({ input: empty, access: 'public', write: false }),

  'customers.lookup': define<LookupResult>()({
    input: z.object({ query: text(120, 1), kind: z.enum(lookupKinds).default('auto') }).strict(),
    access: 'staff',
    write: false,
  }),
  'customers.card': define<CustomerCard>()({
    input: z.object({ customerId: id }).strict(),
    access: 'staff',
    write: false,
  }),

  'products.get': define<ProductAtStore>()({
    input: z.object({ sku: text(40, 1) }).strict(),
    access: 'staff',
    write: false,
  }),

  // Writes: every decision is audited and its impressions go to the outbox.
  'starters.forCustomer': define<StarterSet>()({
    input: z
      .object({
        customerId: id.nullable().default(null),
        cart: z.array(z.object({ sku: id, quantity: z.number().int().min(1).max(99) }).strict()).max(50).default([]),
        limit: z.number().int().min(1).max(8).default(4),
      })
      .strict(),
    access: 'staff',
    write: true,
  }),
  'starters.feedback': define<null>()({
    input: z.object({ decisionId: id, position: z.number().int().min(0).max(7), feedback: z.enum(['used', 'not_relevant']) }).strict(),
    access: 'staff',
    write: true,
  }),
} as const;

export type Contract = typeof contract;
export type ApiName = keyof Contract;
/** What a caller passes (before defaults are applied). */
export type ApiInput<K extends ApiName> = z.input<Contract[K]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ApiParsedInput<K extends ApiName> = z.output<Contract[K]['input']>;
export type ApiOutput<K extends ApiName> = Exclude<Contract[K]['output'], undefined>;

/** Events the device pushes to the UI; listeners receive only the payload. */
export interface ApiEvents {
  'session.changed': Session | null;
  'device.status': DeviceStatus;
}
export type ApiEventName = keyof ApiEvents;

/** What `window.endcap` is, whichever transport carries it. */
export interface EndcapBridge {
  call<K extends ApiName>(name: K, input: ApiInput<K>): Promise<ApiResult<ApiOutput<K>>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

export const apiNames = Object.keys(contract) as ApiName[];

// Ship to home: quantity, where it ships from (fastest with enough stock first), who it is
// for and where it goes. Placing it saves the order, holds the stock and queues it for the hub.
// Fields are judged by the device with the API's own rules (`fields.check`), as they are typed:
// each problem shows under its field in plain words, and a greyed Place order says what is missing.
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../../bridge';
import type { ApiErrorValue, DeliveryAddress, FieldName, ProductSheet } from '../../../../../core/contract/index';
import { formatMoney } from '../../../format/money';
import { Icon } from '../../../ui/Icon';
import { Notice } from '../../../ui/Notice';
import { days, sourceLabel } from './availability';
import { CustomerPicker, Field, type FieldProblems, type PickedCustomer } from './CustomerPicker';
import { useOrdersStore } from './ordersStore';
import { useSearchStore } from './searchStore';
import { useSheetStore } from './sheetStore';

const EMPTY_ADDRESS: DeliveryAddress = { line: '', city: '', region: '', postalCode: '' };
/** Wait this long after the last key before asking the device about the fields. */
const CHECK_DELAY_MS = 250;

/** The typed fields the device should judge: only what has been typed (empty ones are "missing", not "wrong"). */
function typedFields(customer: PickedCustomer | null, address: DeliveryAddress): Partial<Record<FieldName, string>> {
  const all: Partial<Record<FieldName, string>> = {
    'address.line': address.line,
    'address.city': address.city,
    'address.region': address.region,
    'address.postalCode': address.postalCode,
    ...(customer?.kind === 'new' ? { name: customer.name, email: customer.email, phone: customer.phone } : {}),
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v && v.trim())) as Partial<Record<FieldName, string>>;
}

/** An API refusal's field paths (['address', 'postalCode'], ['customer', 'email']) as the form's field names. */
function problemsFrom(error: ApiErrorValue): FieldProblems {
  const issues = (error.details as { issues?: { path: string[]; message: string }[] } | undefined)?.issues ?? [];
  const out: FieldProblems = {};
  for (const i of issues) {
    const name = (i.path[0] === 'customer' ? i.path[1] : i.path.join('.')) as FieldName;
    out[name] ??= i.message;
  }
  return out;
}

export function OrderForm({ sheet }: { sheet: ProductSheet }) {
  const product = sheet.product;
  const { backToDetails, orderPlaced } = useSheetStore();
  const place = useOrdersStore((s) => s.place);
  const [quantity, setQuantity] = useState(1);
  const sources = useMemo(() => sheet.stock.filter((s) => s.available >= quantity), [sheet.stock, quantity]);
  const [sourceId, setSourceId] = useState<string | null>(null);
  const source = sources.find((s) => s.locationId === sourceId) ?? sources[0] ?? null;
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [address, setAddress] = useState<DeliveryAddress>(EMPTY_ADDRESS);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorValue | null>(null);
  const [problems, setProblems] = useState<FieldProblems>({});
  const maxQuantity = Math.max(1, Math.min(99, ...[0, ...sheet.stock.map((s) => s.available)].slice(1)));

  // A customer on file brings the address on file.
  const customerId = customer?.kind === 'existing' ? customer.customerId : null;
  useEffect(() => {
    if (!customerId) return;
    let current = true;
    void api.call('orders.delivery', { customerId }).then((r) => {
      if (current && r.ok && r.value.address) setAddress(r.value.address);
    });
    return () => {
      current = false;
    };
  }, [customerId]);

  // The device judges what is typed, a moment after the last key.
  const typed = JSON.stringify(typedFields(customer, address));
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void api.call('fields.check', { values: JSON.parse(typed) as Partial<Record<FieldName, string>> }).then((r) => {
        if (current && r.ok) setProblems(r.value.problems);
      });
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [typed]);

  const customerReady = customer?.kind === 'existing' || (customer?.kind === 'new' && customer.name.trim() !== '');
  const addressReady = Object.values(address).every((v) => v.trim() !== '');
  const wrong = Object.keys(problems).length;
  // Why Place order is greyed, in the words of what to do next.
  const missing = !source
    ? `No location has ${quantity} to spare.`
    : !customer
      ? 'Choose who the order is for.'
      : !customerReady
        ? 'Type the customer’s name.'
        : !addressReady
          ? 'Fill in the whole delivery address.'
          : wrong
            ? `Fix the ${wrong === 1 ? 'field' : `${wrong} fields`} marked in red.`
            : null;
  const ready = !missing && !busy;

  const submit = async () => {
    if (!ready || !source || !customer) return;
    setBusy(true);
    setError(null);
    const r = await place({
      sku: product.sku,
      quantity,
      sourceLocationId: source.locationId,
      customer:
        customer.kind === 'existing'
          ? { kind: 'existing', customerId: customer.customerId }
          : { kind: 'new', name: customer.name, email: customer.email.trim() || null, phone: customer.phone.trim() || null },
      address,
    });
    setBusy(false);
    if (r.ok) {
      orderPlaced(r.order);
      void useSearchStore.getState().searchNow(); // the held stock shows in the results too
    } else if (r.error.code === 'invalid_input' && Object.keys(problemsFrom(r.error)).length) {
      setProblems(problemsFrom(r.error)); // shown next to the fields, not in a banner
    } else setError(r.error);
  };

  return (
    <form
      className="order-form"
      data-testid="order-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {/* The fields scroll above the total and Place order, never under them. */}
      <div className="order-body">
        <button type="button" className="button button-ghost order-back" onClick={backToDetails}>
          <Icon name="back" size={18} /> Back to the item
        </button>

        <fieldset className="order-step">
          <legend className="order-step-title">Quantity</legend>
          <div className="stepper">
            <button type="button" className="stepper-button" aria-label="One fewer" disabled={quantity <= 1} onClick={() => setQuantity(quantity - 1)}>
              <Icon name="minus" size={18} />
            </button>
            <span className="stepper-value" data-testid="order-quantity" aria-live="polite">
              {quantity}
            </span>
            <button type="button" className="stepper-button" aria-label="One more" disabled={quantity >= maxQuantity} onClick={() => setQuantity(quantity + 1)}>
              <Icon name="plus" size={18} />
            </button>
          </div>
        </fieldset>

        <fieldset className="order-step">
          <legend className="order-step-title">Ships from</legend>
          {sources.length === 0 ? (
            <p className="sheet-hint">No location has {quantity} to spare.</p>
          ) : (
            <div className="source-options" role="radiogroup" aria-label="Ships from">
              {sources.map((s) => (
                <label key={s.locationId} className={s.locationId === source?.locationId ? 'source-option is-selected' : 'source-option'} data-location={s.locationId}>
                  <input type="radio" name="source" checked={s.locationId === source?.locationId} onChange={() => setSourceId(s.locationId)} />
                  <span className="source-name">{sourceLabel(s)}</span>
                  <span className="source-detail">
                    {s.available} available · arrives in about {days(s.leadTimeDays)}
                  </span>
                </label>
              ))}
            </div>
          )}
        </fieldset>

        <fieldset className="order-step">
          <legend className="order-step-title">Customer</legend>
          <CustomerPicker value={customer} onChange={setCustomer} problems={problems} />
        </fieldset>

        <fieldset className="order-step">
          <legend className="order-step-title">Deliver to</legend>
          <div className="field-grid">
            <Field label="Street address" value={address.line} onChange={(line) => setAddress({ ...address, line })} autoComplete="street-address" wide error={problems['address.line']} />
            <Field label="City" value={address.city} onChange={(city) => setAddress({ ...address, city })} autoComplete="address-level2" error={problems['address.city']} />
            <Field label="State" value={address.region} onChange={(region) => setAddress({ ...address, region })} autoComplete="address-level1" error={problems['address.region']} />
            <Field label="ZIP code" value={address.postalCode} onChange={(postalCode) => setAddress({ ...address, postalCode })} autoComplete="postal-code" error={problems['address.postalCode']} />
          </div>
        </fieldset>

        {error ? (
          <Notice tone="error" title={error.message} testId="order-error">
            Nothing was ordered and no stock was held.
          </Notice>
        ) : null}
      </div>

      <footer className="order-foot">
        <span className="order-total">
          <span className="order-total-label">Total</span>
          <span className="order-total-value">{formatMoney(product.priceCents * quantity)}</span>
        </span>
        <button type="submit" className="button button-primary button-lg" disabled={!ready} aria-describedby={missing ? 'order-why' : undefined}>
          {busy ? 'Placing…' : 'Place order'}
        </button>
        {missing ? (
          <p className="order-why" id="order-why" data-testid="order-why">
            {missing}
          </p>
        ) : null}
      </footer>
    </form>
  );
}

// After placing: the order is kept on this register and shown as pending until the hub confirms it.
import type { AisleOrder } from '../../../../../core/contract/index';
import { formatMoney } from '../../../format/money';
import { Icon } from '../../../ui/Icon';
import { days } from './availability';
import { useSheetStore } from './sheetStore';
import { useOrdersStore } from './ordersStore';
import { PendingExplainer } from './OrderStatus';

export function PlacedOrder({ order }: { order: AisleOrder }) {
  const close = useSheetStore((s) => s.close);
  const connection = useOrdersStore((s) => s.connection);
  return (
    <section className="placed" data-testid="placed-order" data-status={order.status} data-order-id={order.id}>
      <div className="placed-head">
        <span className="placed-icon">
          <Icon name="check" size={22} />
        </span>
        <div>
          <h3 className="placed-title">Order saved on this register</h3>
          <p className="placed-sub">
            {order.quantity} × to {order.customerName}, from {order.sourceName} (about {days(order.leadTimeDays)})
          </p>
        </div>
      </div>
      <PendingExplainer status={order.status} connection={connection} />
      <dl className="placed-facts">
        <dt>Deliver to</dt>
        <dd>
          {order.address.line}, {order.address.city}, {order.address.region} {order.address.postalCode}
        </dd>
        <dt>Total</dt>
        <dd>{formatMoney(order.totalCents)}</dd>
        <dt>Order number</dt>
        <dd className="mono">{order.id.slice(-12).toUpperCase()}</dd>
      </dl>
      <button type="button" className="button button-secondary" onClick={close}>
        Done — back to my orders
      </button>
    </section>
  );
}

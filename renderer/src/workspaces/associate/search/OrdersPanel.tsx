// The associate's ship-to-home orders: pending ones wait for the hub, confirmed ones are on their way.
import { useEffect } from 'react';
import { formatMoney } from '../../../format/money';
import { Icon } from '../../../ui/Icon';
import { RelativeTime } from '../../../ui/RelativeTime';
import { days } from './availability';
import { useOrdersStore } from './ordersStore';
import { pendingReason, StatusPill } from './OrderStatus';

export function OrdersPanel() {
  const { orders, connection, status, refresh, follow } = useOrdersStore();
  // While open, the list follows sync: a push turns pending orders into confirmed ones.
  useEffect(() => {
    void refresh();
    return follow();
  }, [refresh, follow]);
  const pending = orders.filter((o) => o.status === 'pending').length;

  return (
    <aside className="orders" data-testid="my-orders" aria-labelledby="orders-title">
      <header className="orders-head">
        <span className="basket-head-icon">
          <Icon name="truck" size={20} />
        </span>
        <h2 id="orders-title" className="basket-title">
          My ship-to-home orders
        </h2>
        <span className="basket-count">{orders.length === 0 ? 'None yet' : `${orders.length}`}</span>
      </header>
      {connection !== 'online' && pending > 0 ? (
        <p className="orders-banner" data-testid="orders-banner">
          <Icon name="cloudOff" size={18} /> {pendingReason(connection)}. {pending === 1 ? 'One order waits' : `${pending} orders wait`} on this register.
        </p>
      ) : null}
      {orders.length === 0 ? (
        <div className="basket-empty">
          <p className="basket-empty-title">{status === 'loading' ? 'Loading…' : 'No orders yet'}</p>
          <p className="basket-empty-text">Search for an item, open it and ship it to the customer’s home from the store, DC or a partner.</p>
        </div>
      ) : (
        <ul className="orders-list" aria-label="My orders">
          {orders.map((o) => (
            <li key={o.id} className="order-item" data-testid="order-item" data-order-id={o.id} data-status={o.status}>
              <div className="order-item-top">
                <StatusPill status={o.status} connection={connection} />
                <span className="order-item-when">
                  <RelativeTime iso={o.placedAt} />
                </span>
              </div>
              <span className="order-item-title">{o.title}</span>
              <div className="order-item-meta">
                {o.quantity} × {formatMoney(o.unitPriceCents)} for {o.customerName}
              </div>
              <div className="order-item-meta">
                Ships from {o.sourceName}, about {days(o.leadTimeDays)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

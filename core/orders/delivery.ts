// What the device knows to ship to a customer on file: name, contact and home address.
import type Database from 'better-sqlite3';
import type { DeliveryDetails } from '../contract/areas/search.types.js';
import { ApiError } from '../contract/errors.js';
import { statement } from '../db/statements.js';

const SQL = `
  SELECT c.id, c.first_name || ' ' || c.last_name AS name, c.address_line AS line, c.city, c.region, c.postal_code AS postalCode,
    (SELECT raw FROM customer_identifiers i WHERE i.customer_id = c.id AND i.kind = 'email' ORDER BY i.is_primary DESC LIMIT 1) AS email,
    (SELECT raw FROM customer_identifiers i WHERE i.customer_id = c.id AND i.kind = 'phone' ORDER BY i.is_primary DESC LIMIT 1) AS phone
  FROM customers c WHERE c.id = ? AND c.status != 'erased' AND c.merged_into IS NULL`;

interface Row {
  id: string;
  name: string;
  line: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  email: string | null;
  phone: string | null;
}

export function deliveryDetails(db: Database.Database, customerId: string): DeliveryDetails {
  const r = statement(db, SQL).get(customerId) as Row | undefined;
  if (!r) throw new ApiError('not_found', 'This customer is not on this device.');
  const complete = r.line && r.city && r.region && r.postalCode;
  return {
    customerId: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    address: complete ? { line: r.line!, city: r.city!, region: r.region!, postalCode: r.postalCode! } : null,
  };
}

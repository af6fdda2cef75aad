// Result rows are read over a counter with a customer standing there: show enough to
// confirm it is them, not enough for a bystander to copy the address or number.

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return email;
  const local = email.slice(0, at);
  const shown = local.length <= 2 ? local.slice(0, 1) : local.slice(0, 2);
  return `${shown}•••@${email.slice(at + 1)}`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 4) return phone;
  return `•••-•••-${digits.slice(-4)}`;
}

/** Loyalty ids are printed on the card the customer holds: shown as printed. */
export function formatLoyalty(id: string): string {
  const compact = id.toUpperCase().replace(/[\s-]/g, '');
  const m = /^EC(\d{4})(\d{4})$/.exec(compact);
  return m ? `EC-${m[1]}-${m[2]}` : id;
}

'use strict';

/*
 * cartTotals(lines, { code } = {})
 *   lines: [{ sku, unitCents, qty }] — qty must be a positive integer and unitCents a non-negative integer,
 *          otherwise a RangeError is thrown.
 *   Returns { subtotal, discount, shipping, vat, total } in integer cents:
 *   - subtotal: sum of unitCents * qty;
 *   - discount: code "SAVE10" takes 10% of the subtotal (rounded down to a cent); code "FIVEOFF" takes 500
 *     cents but never more than the subtotal; no code or an unknown code gives 0. Codes are case-insensitive.
 *   - shipping: 0 when (subtotal - discount) is at least 5000 cents, otherwise 495; an empty cart ships free (0).
 *   - vat: 20% of (subtotal - discount + shipping), rounded to the nearest cent (half up);
 *   - total: subtotal - discount + shipping + vat.
 */

const FREE_SHIPPING_FROM = 5000;
const SHIPPING = 495;

function cartTotals(lines, { code } = {}) {
  let subtotal = 0;
  for (const line of lines) {
    if (!Number.isInteger(line.qty) || line.qty <= 0) throw new RangeError(`bad quantity for ${line.sku}`);
    if (!Number.isInteger(line.unitCents) || line.unitCents < 0) throw new RangeError(`bad price for ${line.sku}`);
    subtotal += line.unitCents * line.qty;
  }
  let discount = 0;
  const normalized = (code || '').toUpperCase();
  if (normalized === 'SAVE10') discount = Math.floor(subtotal / 10);
  else if (normalized === 'FIVEOFF') discount = Math.min(500, subtotal);
  const afterDiscount = subtotal - discount;
  const shipping = lines.length === 0 || afterDiscount >= FREE_SHIPPING_FROM ? 0 : SHIPPING;
  const vat = Math.round((afterDiscount + shipping) * 0.2);
  return { subtotal, discount, shipping, vat, total: afterDiscount + shipping + vat };
}

module.exports = { cartTotals };

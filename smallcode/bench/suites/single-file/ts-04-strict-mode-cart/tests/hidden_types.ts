import { Cart, Coupon, findCoupon, summarize } from './cart';

const c: Coupon | undefined = findCoupon('welcome10');
const counts: Record<string, number> = summarize(new Cart()).counts;
const cart = new Cart();
// @ts-expect-error add requires a Product
cart.add('apple');
// @ts-expect-error findCoupon takes a string
findCoupon(10);

export const used = [c, counts];

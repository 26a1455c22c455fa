export const RATE = 0.2;

export function computeTax(amount) {
  return amount * RATE;
}

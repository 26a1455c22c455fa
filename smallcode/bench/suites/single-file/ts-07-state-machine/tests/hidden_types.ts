import { createMachine } from './machine';

const m = createMachine({
  initial: 'cart',
  states: {
    cart: { on: { checkout: 'paying' } },
    paying: { on: { paid: 'done', cancel: 'cart' } },
    done: { final: true },
  },
});
const state: 'cart' | 'paying' | 'done' = m.state;
const moved: boolean = m.send('checkout');
const hist: Array<'cart' | 'paying' | 'done'> = m.history();
const unsubscribe: () => void = m.subscribe((to, from, event) => {
  const t: 'cart' | 'paying' | 'done' = to;
  const f: 'cart' | 'paying' | 'done' = from;
  const e: 'checkout' | 'paid' | 'cancel' = event;
  void t; void f; void e;
});
// @ts-expect-error unknown event
m.send('refund');
// @ts-expect-error state is read-only
m.state = 'done';

export const used = [state, moved, hist, unsubscribe];

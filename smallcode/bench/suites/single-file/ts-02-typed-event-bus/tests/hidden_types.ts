import { EventBus } from './bus';

type AppEvents = { login: { user: string }; logout: undefined; count: number };
const bus = new EventBus<AppEvents>();

const off: () => void = bus.on('login', (p) => {
  const name: string = p.user;
  void name;
});
const n: number = bus.emit('count', 3);
bus.emit('logout', undefined);
bus.clear('login');
bus.clear();
const s: number = bus.size('count');

// @ts-expect-error unknown event
bus.on('signup', () => undefined);
// @ts-expect-error wrong payload type
bus.emit('count', 'three');
// @ts-expect-error payload shape
bus.emit('login', { name: 'x' });
// @ts-expect-error handler expects the wrong payload
bus.on('count', (p: string) => p);

export const used = [off, n, s];

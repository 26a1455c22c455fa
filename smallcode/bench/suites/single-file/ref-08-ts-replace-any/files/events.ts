const TYPES = ['click', 'view', 'purchase'];

export function parseEvent(input: any): any {
  if (typeof input !== 'object' || input === null) return null;
  if (typeof input.id !== 'string' || typeof input.userId !== 'string') return null;
  if (!TYPES.includes(input.type)) return null;
  if (typeof input.timestamp !== 'number' || !Number.isFinite(input.timestamp)) return null;
  if (input.type === 'purchase' && (typeof input.amountCents !== 'number' || input.amountCents < 0)) return null;
  const event: any = { id: input.id, type: input.type, userId: input.userId, timestamp: input.timestamp };
  if (input.type === 'purchase') event.amountCents = input.amountCents;
  return event;
}

export function dayOf(timestamp: any): any {
  return new Date(timestamp).toISOString().slice(0, 10);
}

export function dailyStats(events: any): any {
  const byDay: any = {};
  for (const event of events) {
    const day = dayOf(event.timestamp);
    if (!byDay[day]) byDay[day] = { day, views: 0, clicks: 0, purchases: 0, revenueCents: 0 };
    const stats = byDay[day];
    if (event.type === 'view') stats.views += 1;
    if (event.type === 'click') stats.clicks += 1;
    if (event.type === 'purchase') {
      stats.purchases += 1;
      stats.revenueCents += event.amountCents || 0;
    }
  }
  return Object.keys(byDay).sort().map((day: any) => byDay[day]);
}

export function conversionRate(stats: any): any {
  return stats.views === 0 ? 0 : stats.purchases / stats.views;
}

export function topUsers(events: any, n: any): any {
  const totals: any = new Map();
  for (const event of events) {
    if (event.type === 'purchase') totals.set(event.userId, (totals.get(event.userId) || 0) + event.amountCents);
  }
  return [...totals.entries()]
    .sort((a: any, b: any) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([userId, cents]: any) => ({ userId, cents }));
}

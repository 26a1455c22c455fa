export type EventType = 'click' | 'view' | 'purchase';

export interface RawEvent {
  id: string;
  type: EventType;
  userId: string;
  timestamp: number;
  amountCents?: number;
}

export interface DailyStats {
  day: string;
  views: number;
  clicks: number;
  purchases: number;
  revenueCents: number;
}

const TYPES: readonly string[] = ['click', 'view', 'purchase'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && TYPES.includes(value);
}

export function parseEvent(input: unknown): RawEvent | null {
  if (!isRecord(input)) return null;
  const { id, type, userId, timestamp, amountCents } = input;
  if (typeof id !== 'string' || typeof userId !== 'string') return null;
  if (!isEventType(type)) return null;
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return null;
  if (type === 'purchase' && (typeof amountCents !== 'number' || amountCents < 0)) return null;
  const event: RawEvent = { id, type, userId, timestamp };
  if (type === 'purchase' && typeof amountCents === 'number') event.amountCents = amountCents;
  return event;
}

export function dayOf(timestamp: number): string {
  return new Date(timestamp).toISOString().slice(0, 10);
}

export function dailyStats(events: Iterable<RawEvent>): DailyStats[] {
  const byDay: Record<string, DailyStats> = {};
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
  return Object.keys(byDay).sort().map((day) => byDay[day]);
}

export function conversionRate(stats: DailyStats): number {
  return stats.views === 0 ? 0 : stats.purchases / stats.views;
}

export function topUsers(events: Iterable<RawEvent>, n: number): Array<{ userId: string; cents: number }> {
  const totals = new Map<string, number>();
  for (const event of events) {
    if (event.type === 'purchase') totals.set(event.userId, (totals.get(event.userId) || 0) + (event.amountCents ?? 0));
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([userId, cents]) => ({ userId, cents }));
}

import { DailyStats, RawEvent, conversionRate, dailyStats, dayOf, parseEvent, topUsers } from './events';

const parsed: RawEvent | null = parseEvent({});
const ev: RawEvent = { id: '1', type: 'view', userId: 'u', timestamp: 0 };
const stats: DailyStats[] = dailyStats([ev]);
const rate: number = conversionRate(stats[0]);
const day: string = dayOf(0);
const top: Array<{ userId: string; cents: number }> = topUsers([ev], 3);

// @ts-expect-error type is a closed union
const bad: RawEvent = { id: '1', type: 'hover', userId: 'u', timestamp: 0 };
// @ts-expect-error parseEvent may return null
const notNull: RawEvent = parseEvent({});
// @ts-expect-error dayOf takes a number
dayOf('2024-01-01');
// @ts-expect-error conversionRate returns a number
const wrong: string = conversionRate(stats[0]);
// @ts-expect-error dailyStats needs events, not numbers
dailyStats([1, 2]);

export const used = [parsed, rate, day, top, bad, notNull, wrong];

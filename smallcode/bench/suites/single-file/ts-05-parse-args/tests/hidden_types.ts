import { OptionSpec, Parsed, parseArgs } from './args';

const spec: Record<string, OptionSpec> = { verbose: { type: 'boolean', short: 'v' } };
const parsed: Parsed = parseArgs(['-v'], spec);
const positionals: string[] = parsed.positionals;
// @ts-expect-error type must be one of the three kinds
const bad: OptionSpec = { type: 'list' };
// @ts-expect-error argv is a string array
parseArgs('-v', spec);

export const used = [positionals, bad];

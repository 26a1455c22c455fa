export interface OptionSpec {
  type: 'boolean' | 'string' | 'number';
  short?: string;
  default?: boolean | string | number;
}

export interface Parsed {
  options: Record<string, boolean | string | number>;
  positionals: string[];
}

export function parseArgs(argv: string[], spec: Record<string, OptionSpec>): Parsed {
  const options: Record<string, boolean | string | number> = {};
  const positionals: string[] = [];
  const byShort = new Map<string, string>();
  for (const [name, option] of Object.entries(spec)) {
    if (option.short) byShort.set(option.short, name);
  }

  const convert = (name: string, raw: string, shown: string): string | number => {
    if (spec[name].type === 'string') return raw;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) throw new Error(`invalid number for ${shown}: ${raw}`);
    return value;
  };

  let i = 0;
  const takeValue = (shown: string): string => {
    if (i + 1 >= argv.length) throw new Error(`missing value for ${shown}`);
    i += 1;
    return argv[i];
  };

  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (!(name in spec) && name.startsWith('no-') && spec[name.slice(3)]?.type === 'boolean' && eq === -1) {
        options[name.slice(3)] = false;
        continue;
      }
      const option = spec[name];
      if (!option) throw new Error(`unknown option --${name}`);
      if (option.type === 'boolean') {
        if (eq !== -1) throw new Error(`option --${name} does not take a value`);
        options[name] = true;
      } else {
        const raw = eq === -1 ? takeValue(`--${name}`) : arg.slice(eq + 1);
        options[name] = convert(name, raw, `--${name}`);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      const letters = arg.slice(1);
      for (let j = 0; j < letters.length; j++) {
        const name = byShort.get(letters[j]);
        if (name === undefined) throw new Error(`unknown option -${letters[j]}`);
        if (spec[name].type === 'boolean') {
          options[name] = true;
        } else {
          if (j !== letters.length - 1) throw new Error(`missing value for -${letters[j]}`);
          options[name] = convert(name, takeValue(`-${letters[j]}`), `-${letters[j]}`);
        }
      }
      continue;
    }
    positionals.push(arg);
  }

  for (const [name, option] of Object.entries(spec)) {
    if (!(name in options) && option.default !== undefined) options[name] = option.default;
  }
  return { options, positionals };
}

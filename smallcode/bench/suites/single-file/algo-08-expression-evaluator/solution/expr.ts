type Token =
  | { kind: 'num'; value: number; pos: number }
  | { kind: 'id'; name: string; pos: number }
  | { kind: 'op'; op: string; pos: number }
  | { kind: 'end'; pos: number };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)/.exec(source.slice(i));
    if (num) {
      tokens.push({ kind: 'num', value: Number(num[0]), pos: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (id) {
      tokens.push({ kind: 'id', name: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    if ('+-*/%^(),'.includes(ch)) {
      tokens.push({ kind: 'op', op: ch, pos: i });
      i++;
      continue;
    }
    throw new Error(`unexpected character '${ch}' at position ${i}`);
  }
  tokens.push({ kind: 'end', pos: source.length });
  return tokens;
}

const FUNCTIONS: Record<string, (args: number[]) => number> = {
  min: (args) => Math.min(...args),
  max: (args) => Math.max(...args),
  abs: (args) => Math.abs(args[0]),
  round: (args) => Math.round(args[0]),
};

const ARITY: Record<string, [number, number]> = {
  min: [1, Infinity],
  max: [1, Infinity],
  abs: [1, 1],
  round: [1, 1],
};

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[], private readonly variables: Record<string, number>) {}

  parse(): number {
    const value = this.expression();
    const token = this.peek();
    if (token.kind !== 'end') throw new Error(`unexpected input at position ${token.pos}`);
    return value;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private isOp(op: string): boolean {
    const token = this.peek();
    return token.kind === 'op' && token.op === op;
  }

  private expect(op: string): void {
    const token = this.peek();
    if (!this.isOp(op)) throw new Error(`expected '${op}' at position ${token.pos}`);
    this.index++;
  }

  private expression(): number {
    let value = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.tokens[this.index++];
      const right = this.term();
      value = op.kind === 'op' && op.op === '+' ? value + right : value - right;
    }
    return value;
  }

  private term(): number {
    let value = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const token = this.tokens[this.index++];
      const op = token.kind === 'op' ? token.op : '';
      const right = this.unary();
      if (op === '*') value *= right;
      else if (right === 0) throw new Error(`division by zero at position ${token.pos}`);
      else value = op === '/' ? value / right : value % right;
    }
    return value;
  }

  private unary(): number {
    if (this.isOp('-')) {
      this.index++;
      return -this.unary();
    }
    if (this.isOp('+')) {
      this.index++;
      return this.unary();
    }
    return this.power();
  }

  private power(): number {
    const base = this.primary();
    if (this.isOp('^')) {
      this.index++;
      const exponent = this.unary();
      return Math.pow(base, exponent);
    }
    return base;
  }

  private primary(): number {
    const token = this.peek();
    if (token.kind === 'num') {
      this.index++;
      return token.value;
    }
    if (token.kind === 'id') {
      this.index++;
      if (this.isOp('(')) return this.call(token.name, token.pos);
      if (!Object.prototype.hasOwnProperty.call(this.variables, token.name)) {
        throw new Error(`unknown variable '${token.name}' at position ${token.pos}`);
      }
      return this.variables[token.name];
    }
    if (this.isOp('(')) {
      this.index++;
      const value = this.expression();
      this.expect(')');
      return value;
    }
    throw new Error(`unexpected ${token.kind === 'end' ? 'end of input' : 'token'} at position ${token.pos}`);
  }

  private call(name: string, pos: number): number {
    const fn = FUNCTIONS[name];
    if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, name)) {
      throw new Error(`unknown function '${name}' at position ${pos}`);
    }
    this.expect('(');
    const args: number[] = [];
    if (!this.isOp(')')) {
      args.push(this.expression());
      while (this.isOp(',')) {
        this.index++;
        args.push(this.expression());
      }
    }
    this.expect(')');
    const [lo, hi] = ARITY[name];
    if (args.length < lo || args.length > hi) {
      throw new Error(`${name} takes ${lo === hi ? lo : `at least ${lo}`} argument(s) (position ${pos})`);
    }
    return fn(args);
  }
}

export function evaluate(source: string, variables: Record<string, number> = {}): number {
  return new Parser(tokenize(source), variables).parse();
}

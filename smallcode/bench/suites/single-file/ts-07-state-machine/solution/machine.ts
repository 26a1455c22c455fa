export interface MachineConfig<S extends string, E extends string> {
  initial: S;
  states: Record<S, { on?: Partial<Record<E, S>>; final?: boolean }>;
}

export type Listener<S extends string, E extends string> = (to: S, from: S, event: E) => void;

export interface Machine<S extends string, E extends string> {
  readonly state: S;
  send(event: E): boolean;
  can(event: E): boolean;
  history(): S[];
  subscribe(listener: Listener<S, E>): () => void;
  reset(): void;
}

export function createMachine<S extends string, E extends string>(config: MachineConfig<S, E>): Machine<S, E> {
  for (const [name, definition] of Object.entries(config.states) as Array<[string, { on?: Partial<Record<E, S>> }]>) {
    for (const target of Object.values(definition.on ?? {}) as S[]) {
      if (!(target in config.states)) throw new Error(`state ${name} targets unknown state ${target}`);
    }
  }
  let current: S = config.initial;
  let visited: S[] = [current];
  const listeners = new Set<Listener<S, E>>();

  const target = (event: E): S | undefined => {
    const definition = config.states[current];
    if (definition.final) return undefined;
    return definition.on?.[event];
  };

  return {
    get state(): S {
      return current;
    },
    send(event: E): boolean {
      const next = target(event);
      if (next === undefined) return false;
      const from = current;
      current = next;
      visited.push(next);
      for (const listener of [...listeners]) listener(next, from, event);
      return true;
    },
    can(event: E): boolean {
      return target(event) !== undefined;
    },
    history(): S[] {
      return [...visited];
    },
    subscribe(listener: Listener<S, E>): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset(): void {
      current = config.initial;
      visited = [current];
    },
  };
}

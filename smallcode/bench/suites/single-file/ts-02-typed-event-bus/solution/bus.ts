type Handler<P> = (payload: P) => void;

export class EventBus<Events extends Record<string, unknown>> {
  private handlers = new Map<keyof Events, Array<Handler<never>>>();

  on<K extends keyof Events>(event: K, handler: Handler<Events[K]>): () => void {
    const list = this.handlers.get(event) ?? [];
    list.push(handler as Handler<never>);
    this.handlers.set(event, list);
    return () => {
      const current = this.handlers.get(event) ?? [];
      const index = current.indexOf(handler as Handler<never>);
      if (index !== -1) current.splice(index, 1);
    };
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): number {
    const list = [...(this.handlers.get(event) ?? [])] as Array<Handler<Events[K]>>;
    for (const handler of list) handler(payload);
    return list.length;
  }

  clear(event?: keyof Events): void {
    if (event === undefined) this.handlers.clear();
    else this.handlers.delete(event);
  }

  size(event: keyof Events): number {
    return this.handlers.get(event)?.length ?? 0;
  }
}

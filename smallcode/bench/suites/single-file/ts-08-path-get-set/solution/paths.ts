type Key = string | number;
type Container = Record<string, unknown> | unknown[];

export function parsePath(path: string): Key[] {
  if (path === '') return [];
  const keys: Key[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]/y;
  let pos = 0;
  let expectKey = true;
  while (pos < path.length) {
    if (path[pos] === '.') {
      if (expectKey) throw new Error(`invalid path: ${path}`);
      expectKey = true;
      pos += 1;
      continue;
    }
    pattern.lastIndex = pos;
    const match = pattern.exec(path);
    if (!match) throw new Error(`invalid path: ${path}`);
    if (match[1] !== undefined) {
      if (!expectKey) throw new Error(`invalid path: ${path}`);
      keys.push(match[1]);
    } else {
      if (expectKey && keys.length > 0) throw new Error(`invalid path: ${path}`);
      keys.push(Number(match[2]));
    }
    expectKey = false;
    pos = pattern.lastIndex;
  }
  if (expectKey) throw new Error(`invalid path: ${path}`);
  return keys;
}

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function child(container: Container, key: Key): unknown {
  return (container as Record<string, unknown>)[String(key)];
}

function has(container: Container, key: Key): boolean {
  return Object.prototype.hasOwnProperty.call(container, String(key));
}

function copy(container: Container): Container {
  return Array.isArray(container) ? [...container] : { ...container };
}

export function getIn(obj: unknown, path: string, fallback?: unknown): unknown {
  let current: unknown = obj;
  for (const key of parsePath(path)) {
    if (!isContainer(current) || !has(current, key)) return fallback;
    current = child(current, key);
  }
  return current;
}

function setKeys(node: unknown, keys: Key[], value: unknown): unknown {
  if (keys.length === 0) return value;
  const [key, ...rest] = keys;
  const base: Container = isContainer(node) ? copy(node) : typeof key === 'number' ? [] : {};
  const next = isContainer(node) ? child(node, key) : undefined;
  (base as Record<string, unknown>)[String(key)] = setKeys(next, rest, value);
  return base;
}

export function setIn<T>(obj: T, path: string, value: unknown): T {
  return setKeys(obj, parsePath(path), value) as T;
}

function deleteKeys(node: unknown, keys: Key[]): unknown {
  const [key, ...rest] = keys;
  if (!isContainer(node) || !has(node, key)) return node;
  if (rest.length === 0) {
    const clone = copy(node);
    if (Array.isArray(clone)) clone.splice(Number(key), 1);
    else delete clone[String(key)];
    return clone;
  }
  const before = child(node, key);
  const after = deleteKeys(before, rest);
  if (after === before) return node;
  const clone = copy(node);
  (clone as Record<string, unknown>)[String(key)] = after;
  return clone;
}

export function deleteIn<T>(obj: T, path: string): T {
  const keys = parsePath(path);
  if (keys.length === 0) return obj;
  return deleteKeys(obj, keys) as T;
}

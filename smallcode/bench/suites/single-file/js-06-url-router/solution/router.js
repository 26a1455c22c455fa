'use strict';

function splitPath(path) {
  return path.split('?')[0].split('/').filter((part) => part !== '');
}

class Router {
  constructor() {
    this.routes = [];
  }

  add(method, pattern, handler) {
    this.routes.push({ method: method.toUpperCase(), segments: splitPath(pattern), handler });
    return this;
  }

  match(method, path) {
    const parts = splitPath(path);
    const allowed = new Set();
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (params === null) continue;
      if (route.method === method.toUpperCase()) return { handler: route.handler, params };
      allowed.add(route.method);
    }
    if (allowed.size > 0) return { status: 405, allowed: [...allowed].sort() };
    return { status: 404 };
  }
}

function matchSegments(segments, parts) {
  const params = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment === '*') {
      if (i >= parts.length) return null;
      params.wildcard = parts.slice(i).map(decodeURIComponent).join('/');
      return params;
    }
    if (i >= parts.length) return null;
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(parts[i]);
    else if (segment !== parts[i]) return null;
  }
  return segments.length === parts.length ? params : null;
}

module.exports = { Router };

'use strict';

function typeOk(type, value) {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number' && !Number.isNaN(value);
    case 'boolean': return typeof value === 'boolean';
    case 'array': return Array.isArray(value);
    case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
    default: throw new Error(`unknown schema type ${type}`);
  }
}

function check(schema, value, path, errors) {
  if (!typeOk(schema.type, value)) {
    errors.push(`${path}: expected ${schema.type}`);
    return;
  }
  if (schema.type === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${path}: must be at least ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${path}: must be at most ${schema.maxLength} characters`);
    if (schema.pattern && !schema.pattern.test(value)) errors.push(`${path}: does not match pattern`);
  } else if (schema.type === 'number') {
    if (schema.min !== undefined && value < schema.min) errors.push(`${path}: must be >= ${schema.min}`);
    if (schema.max !== undefined && value > schema.max) errors.push(`${path}: must be <= ${schema.max}`);
    if (schema.integer && !Number.isInteger(value)) errors.push(`${path}: must be an integer`);
  } else if (schema.type === 'array') {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: must have at least ${schema.minItems} items`);
    if (schema.items) value.forEach((item, i) => check(schema.items, item, `${path}[${i}]`, errors));
  } else if (schema.type === 'object') {
    const props = schema.properties || {};
    for (const key of schema.required || []) {
      if (!(key in value)) errors.push(`${path}.${key}: is required`);
    }
    for (const [key, sub] of Object.entries(props)) {
      if (key in value) check(sub, value[key], `${path}.${key}`, errors);
    }
    if (schema.additional === false) {
      for (const key of Object.keys(value)) {
        if (!(key in props)) errors.push(`${path}.${key}: unexpected property`);
      }
    }
  }
}

function validate(schema, value) {
  const errors = [];
  check(schema, value, '$', errors);
  return errors;
}

module.exports = { validate };

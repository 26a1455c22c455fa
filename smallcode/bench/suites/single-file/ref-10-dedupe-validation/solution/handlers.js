'use strict';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function isBlank(value) {
  return value === undefined || value === null || String(value).trim() === '';
}

function validate(body, rules) {
  const errors = [];
  for (const [field, rule] of Object.entries(rules)) {
    const value = body[field];
    if (isBlank(value)) {
      if (rule.required) errors.push(`${field} is required`);
      continue;
    }
    if (rule.maxLength !== undefined && String(value).length > rule.maxLength) {
      errors.push(`${field} must be at most ${rule.maxLength} characters`);
    } else if (rule.email && !EMAIL.test(String(value))) {
      errors.push(`${field} must be a valid e-mail address`);
    }
  }
  return errors;
}

function rejected(errors) {
  return { status: 400, body: { errors } };
}

function createUser(body) {
  const errors = validate(body, { name: { required: true, maxLength: 50 }, email: { required: true, email: true } });
  if (errors.length) return rejected(errors);
  return { status: 201, body: { name: String(body.name).trim(), email: String(body.email).toLowerCase() } };
}

function updateUser(body) {
  const errors = validate(body, { name: { maxLength: 50 }, email: { email: true }, bio: { maxLength: 200 } });
  if (errors.length) return rejected(errors);
  const changes = {};
  for (const key of ['name', 'email', 'bio']) if (body[key] !== undefined) changes[key] = body[key];
  return { status: 200, body: changes };
}

function createProject(body) {
  const errors = validate(body, {
    title: { required: true, maxLength: 80 },
    owner: { required: true, email: true },
    description: { maxLength: 500 },
  });
  if (errors.length) return rejected(errors);
  return { status: 201, body: { title: String(body.title).trim(), owner: String(body.owner).toLowerCase() } };
}

module.exports = { createUser, updateUser, createProject, validate };

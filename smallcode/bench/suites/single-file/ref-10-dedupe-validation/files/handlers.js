'use strict';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function createUser(body) {
  const errors = [];
  if (body.name === undefined || body.name === null || String(body.name).trim() === '') {
    errors.push('name is required');
  } else if (String(body.name).length > 50) {
    errors.push('name must be at most 50 characters');
  }
  if (body.email === undefined || body.email === null || String(body.email).trim() === '') {
    errors.push('email is required');
  } else if (!EMAIL.test(String(body.email))) {
    errors.push('email must be a valid e-mail address');
  }
  if (errors.length) return { status: 400, body: { errors } };
  return { status: 201, body: { name: String(body.name).trim(), email: String(body.email).toLowerCase() } };
}

function updateUser(body) {
  const errors = [];
  if (body.name !== undefined && body.name !== null && String(body.name).length > 50) {
    errors.push('name must be at most 50 characters');
  }
  if (body.email !== undefined && body.email !== null && String(body.email).trim() !== '' && !EMAIL.test(String(body.email))) {
    errors.push('email must be a valid e-mail address');
  }
  if (body.bio !== undefined && body.bio !== null && String(body.bio).length > 200) {
    errors.push('bio must be at most 200 characters');
  }
  if (errors.length) return { status: 400, body: { errors } };
  const changes = {};
  for (const key of ['name', 'email', 'bio']) if (body[key] !== undefined) changes[key] = body[key];
  return { status: 200, body: changes };
}

function createProject(body) {
  const errors = [];
  if (body.title === undefined || body.title === null || String(body.title).trim() === '') {
    errors.push('title is required');
  } else if (String(body.title).length > 80) {
    errors.push('title must be at most 80 characters');
  }
  if (body.owner === undefined || body.owner === null || String(body.owner).trim() === '') {
    errors.push('owner is required');
  } else if (!EMAIL.test(String(body.owner))) {
    errors.push('owner must be a valid e-mail address');
  }
  if (body.description !== undefined && body.description !== null && String(body.description).length > 500) {
    errors.push('description must be at most 500 characters');
  }
  if (errors.length) return { status: 400, body: { errors } };
  return { status: 201, body: { title: String(body.title).trim(), owner: String(body.owner).toLowerCase() } };
}

module.exports = { createUser, updateUser, createProject };

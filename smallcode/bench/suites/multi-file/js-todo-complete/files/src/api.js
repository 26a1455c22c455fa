'use strict';

function handleAdd(service, body) {
  try {
    return { status: 201, todo: service.add(body.title) };
  } catch (err) {
    return { status: 400, error: err.message };
  }
}

module.exports = { handleAdd };

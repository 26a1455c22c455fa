'use strict';

function handleAdd(service, body) {
  try {
    return { status: 201, todo: service.add(body.title) };
  } catch (err) {
    return { status: 400, error: err.message };
  }
}

function handleComplete(service, id) {
  try {
    return { status: 200, todo: service.complete(id) };
  } catch (err) {
    return { status: 404, error: err.message };
  }
}

module.exports = { handleAdd, handleComplete };

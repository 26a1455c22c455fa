'use strict';

function validate(record) {
  if (!record || typeof record.id !== 'string' || record.id === '') return 'missing id';
  if (typeof record.email !== 'string' || !record.email.includes('@')) return 'invalid email';
  return null;
}

async function importAll(records, save) {
  const result = { saved: 0, failed: 0, errors: [] };
  records.forEach(async (record) => {
    const problem = validate(record);
    if (problem) {
      result.failed++;
      result.errors.push({ id: record && record.id, message: problem });
      return;
    }
    await save(record);
    result.saved++;
  });
  return result;
}

module.exports = { importAll, validate };

'use strict';

function formatTable(rows, options = {}) {
  if (rows.length === 0) return '';
  const columns = options.columns || Object.keys(rows[0]);
  const align = options.align || {};
  const cell = (value) => (value === null || value === undefined ? '' : String(value));
  const widths = columns.map((col) => Math.max(col.length, ...rows.map((row) => cell(row[col]).length)));
  const isRight = columns.map((col) => {
    if (align[col]) return align[col] === 'right';
    return rows.some((row) => typeof row[col] === 'number');
  });
  const pad = (text, i) => (isRight[i] ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  const line = (cells) => cells.map(pad).join('  ').replace(/\s+$/, '');
  const out = [line(columns), line(widths.map((w) => '-'.repeat(w)))];
  for (const row of rows) out.push(line(columns.map((col) => cell(row[col]))));
  return out.join('\n');
}

module.exports = { formatTable };

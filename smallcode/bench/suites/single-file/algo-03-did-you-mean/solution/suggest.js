'use strict';

function editDistance(a, b) {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = Array.from({ length: rows }, () => new Array(cols).fill(0));
  for (let i = 0; i < rows; i++) d[i][0] = i;
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

function didYouMean(input, candidates, { maxDistance = 2, caseSensitive = false } = {}) {
  const norm = (s) => (caseSensitive ? s : s.toLowerCase());
  const target = norm(input);
  const exact = candidates.find((c) => norm(c) === target);
  if (exact !== undefined) return [exact];
  return candidates
    .map((candidate, index) => ({ candidate, index, distance: editDistance(target, norm(candidate)) }))
    .filter((entry) => entry.distance <= maxDistance)
    .sort((x, y) => x.distance - y.distance || x.index - y.index)
    .map((entry) => entry.candidate);
}

module.exports = { editDistance, didYouMean };

'use strict';

function topScores(scores, n) {
  return [...scores].sort((a, b) => b - a).slice(0, n);
}

function rank(players) {
  const sorted = [...players].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  let previous = null;
  let currentRank = 0;
  return sorted.map((player, index) => {
    if (previous === null || player.score !== previous) currentRank = index + 1;
    previous = player.score;
    return { rank: currentRank, name: player.name, score: player.score };
  });
}

function render(players) {
  return rank(players)
    .map((row) => `${row.rank}. ${row.name} (${row.score})`)
    .join('\n');
}

module.exports = { topScores, rank, render };

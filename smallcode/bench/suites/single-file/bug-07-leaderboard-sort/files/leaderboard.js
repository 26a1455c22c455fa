'use strict';

function topScores(scores, n) {
  return scores.sort().reverse().slice(0, n);
}

function rank(players) {
  const sorted = players.sort((a, b) => b.score - a.score);
  return sorted.map((player, index) => ({ rank: index + 1, name: player.name, score: player.score }));
}

function render(players) {
  return rank(players)
    .map((row) => `${row.rank}. ${row.name} (${row.score})`)
    .join('\n');
}

module.exports = { topScores, rank, render };

'use strict';

const UNITS = ['C', 'F', 'K'];

// convertTemperature(value, from, to): converts between 'C', 'F' and 'K' (case-insensitive).
// Throws a TypeError for an unknown unit and a RangeError for a temperature below absolute zero
// (-273.15 °C) in the source unit.
function convertTemperature(value, from, to) {
  const src = String(from).toUpperCase();
  const dst = String(to).toUpperCase();
  if (!UNITS.includes(src) || !UNITS.includes(dst)) throw new TypeError(`unknown unit ${from} or ${to}`);
  let celsius;
  if (src === 'C') celsius = value;
  else if (src === 'F') celsius = ((value - 32) * 5) / 9;
  else celsius = value - 273.15;
  if (celsius < -273.15) throw new RangeError(`${value} ${src} is below absolute zero`);
  if (dst === 'C') return celsius;
  if (dst === 'F') return (celsius * 9) / 5 + 32;
  return celsius + 273.15;
}

// formatTemperature(value, unit, digits = 1): e.g. formatTemperature(21.456, 'c') -> '21.5 °C';
// Kelvin has no degree sign: '294.6 K'. Negative zero is printed as '0.0'.
function formatTemperature(value, unit, digits = 1) {
  const u = String(unit).toUpperCase();
  let text = value.toFixed(digits);
  if (Number(text) === 0) text = (0).toFixed(digits);
  return u === 'K' ? `${text} K` : `${text} °${u}`;
}

// windChill(tempC, windKmh): the North American wind-chill index, rounded to one decimal:
// 13.12 + 0.6215 T - 11.37 V^0.16 + 0.3965 T V^0.16. It is only defined for T <= 10 °C and V > 4.8 km/h;
// outside that range the air temperature T is returned unchanged.
function windChill(tempC, windKmh) {
  if (tempC > 10 || windKmh <= 4.8) return tempC;
  const v = Math.pow(windKmh, 0.16);
  const chill = 13.12 + 0.6215 * tempC - 11.37 * v + 0.3965 * tempC * v;
  return Math.round(chill * 10) / 10;
}

module.exports = { convertTemperature, formatTemperature, windChill };

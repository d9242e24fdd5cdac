// Demo measurements: monthly figures per channel as the upload CSV, deterministic
// so seeded pages and tests always show the same numbers.

export const HEADER = 'period,channel,started,completed,cost,rating_1,rating_2,rating_3,rating_4,rating_5';

/** `YYYY-MM` of the month `offset` months after `year`-`month`. */
export function monthAfter(year, month, offset) {
  const index = year * 12 + (month - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The `count` months ending with last month, oldest first. */
export function lastMonths(count, now = new Date()) {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  return Array.from({ length: count }, (_, i) => monthAfter(year, month, i - count));
}

/**
 * CSV of `months` with digital take-up (assisted digital included) moving
 * linearly from `from` to `to`, about `volume` completed transactions a month.
 */
export function demoCsv({ months, from, to, volume, costPerDigital = 1.2, costPerOther = 9.5 }) {
  const lines = [HEADER];
  months.forEach((period, i) => {
    const wobble = ((i * 7919) % 13) / 13 - 0.5; // deterministic ±0.5
    const share = Math.min(1, from + ((to - from) * i) / Math.max(1, months.length - 1) + wobble * 0.01);
    const total = Math.round(volume * (1 + wobble * 0.1));
    const digital = Math.round(total * share);
    const assisted = Math.round(digital * 0.05);
    const online = digital - assisted;
    const phone = Math.round((total - digital) * 0.7);
    const paper = total - digital - phone;
    const started = Math.round(online / 0.86);
    const cost = (n, each) => (n * each).toFixed(2);
    const r = Math.round(online / 50);
    lines.push(`${period},digital,${started},${online},${cost(online, costPerDigital)},${Math.round(r * 0.05)},${Math.round(r * 0.05)},${Math.round(r * 0.1)},${Math.round(r * 0.4)},${Math.round(r * 0.4)}`);
    lines.push(`${period},assisted-digital,${assisted + 3},${assisted},${cost(assisted, costPerOther / 2)},,,,,`);
    lines.push(`${period},phone,,${phone},${cost(phone, costPerOther)},,,,,`);
    lines.push(`${period},paper,,${paper},${cost(paper, costPerOther * 1.4)},,,,,`);
  });
  return `${lines.join('\n')}\n`;
}

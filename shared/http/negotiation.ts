/**
 * Which of the media types a route can answer in the request's `Accept`
 * header prefers (RFC 9110 §12.5.1): each offer takes the quality of the most
 * specific range matching it (`text/csv` over `text/*` over `*\/*`), the
 * highest quality wins, and a tie or an absent header goes to the first offer.
 * Nothing acceptable is answered with the first offer too, rather than 406:
 * a program that asks oddly still gets the JSON it can read.
 */
export function preferredMediaType<T extends string>(accept: string | undefined, offers: readonly [T, ...T[]]): T {
  const ranges = (accept ?? '')
    .split(',')
    .map((part) => {
      const [range = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
      const quality = parameters.find((parameter) => parameter.startsWith('q='));
      const q = quality === undefined ? 1 : Number(quality.slice(2));
      const [type = '', subtype = ''] = range.split('/');
      return { type, subtype, q: Number.isFinite(q) ? q : 0 };
    })
    .filter((range) => range.type !== '' && range.subtype !== '');
  if (ranges.length === 0) return offers[0];

  const qualityOf = (offer: string) => {
    const [type, subtype] = offer.split('/');
    let best = { specificity: -1, q: 0 };
    for (const range of ranges) {
      const specificity = range.type === '*' ? 0 : range.type !== type ? -1 : range.subtype === '*' ? 1 : range.subtype === subtype ? 2 : -1;
      if (specificity > best.specificity) best = { specificity, q: range.q };
    }
    return best.q;
  };
  let chosen = offers[0];
  let chosenQuality = qualityOf(chosen);
  for (const offer of offers.slice(1)) {
    const quality = qualityOf(offer);
    if (quality > chosenQuality) [chosen, chosenQuality] = [offer, quality];
  }
  return chosen;
}

// Tone cues, matched on folded text (lower case, no diacritics). Weight 2 marks a verdict or strong
// praise or criticism (a top pick, a warning); weight 1 a plain judgement. English first, then the
// other languages answers commonly come in. A trailing `*` makes a stem ("frustrat*" matches
// frustrating and frustrated).

function weighted(words: string, weight: number): Record<string, number> {
  const cues: Record<string, number> = {};
  for (const word of words.split(/\s*\n\s*|\s{2,}|,\s*/)) {
    const phrase = word.trim();
    if (phrase !== '') cues[phrase] = weight;
  }
  return cues;
}

export const POSITIVE_CUES: Record<string, number> = {
  ...weighted(
    `best overall, top pick, my pick, our pick, my top pick, my recommendation, my choice, i'd recommend,
    i would recommend, highly recommend*, strongly recommend*, go with, strongest fit, strongest choice,
    best choice, best option, best fit, best bet, best balance, best value, better value, first choice,
    top choice, clear winner, the winner, hard to beat, can't go wrong, worth every, award-winning,
    one of the best, one of the easiest, one of the most popular, one of the most reliable, one of the top,
    the one i'd look at first, the one to beat, most recommended, most often recommended,
    consistently recommended, a favorite, a favourite, local favorite, local favourite, highly rated,
    top-rated, top-notch, best-in-class, world-class, excellent*, outstanding, exceptional, superb,
    fantastic, terrific, phenomenal, stunning, wonderful, unbeatable, most complete, most polished,
    worth the trip, love*, the standout, a standout, top recommendation, our top, sweet spot, best all-round*,
    best all-around, easiest fit, easiest choice, safest choice, safest bet, simplest choice, obvious choice,
    clear choice, standout choice, editor's choice, editors' choice, the one to get, is the best, are the best,
    if i had to pick, if i had to choose, if i could only pick, if i had to recommend,
    best pick, best of the bunch, pick of the bunch, the one i'd pick, the one i would pick,
    i'd get the, i would get the, i'd buy the, i would buy the, the one i'd buy, the one i would buy,
    i'd point you to, the one i'd spend, i'd spend my money on, i'd put my money on, my call, the safe bet,
    a joy to, is a joy`,
    2,
  ),
  ...weighted(
    `top picks, the better, the best, stands out, standout, shines, excels, impressive, impresses, praise,
    praised, praises, great, genuinely nice, nice, strong, strongest, solid, popular, recommend, recommended,
    recommends, testers recommend, reviewers recommend, easiest, ideal, perfect, polished, powerful, beautiful,
    gorgeous, lovely, charming, delicious, delightful, enjoyable, pleasant, welcoming, romantic, favorite,
    favourite, highlight, highlights, best-selling, bestselling, worth it, worthwhile, worth a stop,
    worth a visit, enjoy*, happy with, good value, great value, value for money, safe to use, its best`,
    1,
  ),
  ...weighted(
    `reliable, dependable, easy to use, easy-to-use, user-friendly, intuitive, generous, affordable,
    inexpensive, cheapest, lowest price, comfortable, durable, elegant, stylish, spacious, friendly,
    clearest, well-known, mature, reputable, respected, trusted, trustworthy, secure, robust, seamless,
    sleek, slick, smooth, snappy, fast, quick to, versatile, flexible, feature-rich, comprehensive,
    convenient, handy, helpful, effective, efficient, clean interface, cozy, cosy, fun, leading, innovative,
    thoughtful, well-designed, well-made, high-quality, competitiv*, accurate, responsive`,
    0.5,
  ),
  // French, Spanish, German, Portuguese, Italian.
  ...weighted(
    `mon conseil, je recommande, je conseille, le plus agreable, le choix le plus, le meilleur, la meilleure,
    recomiendo, la mejor, el mejor, la opcion mas completa, la mas completa, mas completa, mas completo,
    mas economica, mas economico, meine empfehlung, mein tipp, die referenz, jeden cent wert, ausgereifteste,
    hervorragend*, ausgezeichnet*, die beste, der beste, das beste, o melhor, a melhor, recomendo,
    il migliore, la migliore, ottim*, excelente*, eccellent*, a melhor escolha, la scelta migliore, recomendamos,
    te recomendaria, le recomendaria, recomendaria, la nostra scelta, nostra scelta, la consigliamo,
    lo consigliamo, ti consiglio, notre choix, unsere wahl, nossa escolha, nuestra eleccion,
    yo contrataria, contrataria, yo elegiria, elegiria, me quedaria con, yo compraria, minha indicacao,
    eu iria de, eu escolheria, escolheria, eu compraria, wenn ich nur eines, meine wahl, je prendrais,
    mon choix, je choisirais, prenderei, sceglierei, la mia scelta,
    melhor opcao, mejor opcion, migliore opzione, meilleur choix, meilleure option`,
    2,
  ),
  ...weighted(
    `a escolha mais, rapport qualite-prix, moins chere, moins cher, tres bien note*, super facon, incontournable, pratique,
    fiable, agreable, populaire, puissant*, mejor escala, muy popular, muy cuidada, recomendad*, fiabl*,
    popular, buen*, barat*, beliebt, sehr beliebt, sehr gut, gut, zuverlassig, praktisch, bequem, langlebig,
    beste wahl, gunstig*, bom, boa, otimo, otima, confiavel, buono, affidabil*`,
    1,
  ),
};

// "the best overall" must read as "best overall", not as the weaker "the best" that starts first.
for (const [phrase, weight] of Object.entries(POSITIVE_CUES)) {
  if (phrase.startsWith('best ') && weight === 2) POSITIVE_CUES[`the ${phrase}`] = weight;
}

export const NEGATIVE_CUES: Record<string, number> = {
  ...weighted(
    `avoid, steer clear, not recommend, wouldn't recommend, hard to recommend, falls short, fall short,
    no longer the best, not the right tool, not worth, isn't worth, showing its age, overpriced, overrated,
    worst, terrible, awful, horrible, useless, subpar, frustrat*, fed up, recommend switching,
    recommend moving, suggest migrating, gripes, disappointing, disappointed, unreliable, squeezing,
    falls apart, fell apart, fall apart, poorly communicated, climbed sharply, hidden fees, scam*, rip-off,
    ripoff, too limited, anger*, backlash, distrust, mistrust, stay away, red flag*, deal-breaker,
    dealbreaker, not safe, unsafe,
    misleading, a word of caution, a lot to pay, hard to justify, pump the brakes,
    i wouldn't pick, i wouldn't choose, i wouldn't make, i wouldn't buy, i wouldn't go with, i would not pick,
    i would not choose, i would not buy, i'd skip, i would skip, skip it, hold off, not right now, oversell*, overstat*, outweigh the benefits,
    outweighs the benefits, safety recall*, class action, fire risk, cratering`,
    2,
  ),
  ...weighted(
    `no longer, switching to, switch away, moving to, moved to, migrating, breach*, leak*, phishing, be wary,
    wary of, vulnerab*, lawsuit*, outage*, stolen, controvers*, compromised, criticiz*, criticis*,
    complain*, drawback*, downside*, fragile, disposable, stings, annoying, overkill, raising prices,
    raised prices, price increase*, price hike*, price bumps, upsell*, prices them like, flaky,
    hacked together, clunky, barebones, bare-bones, awkward, confusing, unintuitive, clumsy, buggy, bug*,
    glitch*, crash*, poor, mediocre, rude, unhelpful, unresponsive, painful, hard to use, shut down,
    discontinued, worse, problematic, beware, downgrade*, steep learning curve, outgrow*, struggle*`,
    1,
  ),
  ...weighted(
    `exposed, expensive, pricey, costly, climbs fast, slow, sluggish, laggy, dated, outdated, is thin, lag,
    lags, weak, complicated, fiddly, finicky, slipped, extra cost*, cost extra, pricing cliff, no native,
    limited, lacks, lacking, lack of, missing, fewer, learning curve, overwhelm*, inconsistent, cramped,
    crowded, noisy, restrictive, inflexible, tedious, difficult, issues with, problems with, concerns,
    caution, cautious, risky, warning, declin*, stagnat*, mixed, mixed reviews, recall*, defect*, overheat*,
    problems, fine print, alleged, allegation*, settlement with, sued, fined, never showed up, never arrived`,
    0.5,
  ),
  // French, Spanish, German, Portuguese, Italian.
  ...weighted(
    `eviter, a eviter, trop cher, decevant*, evitar, demasiado caro, decepcionante, vermeiden, zu teuer,
    enttauschend, finger weg, nao recomendo, non consiglio, da evitare, deconseille,
    evitar*, meglio evitar*, evite, evitez`,
    2,
  ),
  ...weighted(
    `cher, chere, couteux, trop limit*, tres limit*, complique, caro, cara, limitado, lento, complicado, teuer,
    eingeschrankt, langsam, kompliziert, uberlaufen, umstandlich, nachteil*, inconvenient*, desventaja*,
    probleme, problema, caro demais, lento demais, costoso, limitato, problematisch,
    prudence, injoignable, ne repond plus, was gegen, spricht dagegen, erreichst du niemanden, niemand erreichbar, teurer als,
    problemas, problemi, lamentan*, quejas, queja, reclamac*, plaintes, beschwerden, ritardi, retrasos, atrasos`,
    1,
  ),
};

/** Phrases that only keep their words from being read as a cue ("a favourite target", "or worse"). */
export const NEUTRAL_PHRASES: Record<string, number> = weighted(
  `a favourite target, a favorite target, a popular target, favourite target, favorite target,
  popular target, or worse, can't recommend a specific, cannot recommend a specific,
  can't recommend any specific, whether it's worth it, whether it is worth it, is it worth it, best chance, the best chance, worst case, worst-case, at worst, friendly fraud`,
  1,
);

/** Words that turn the cue right after them around ("not great", "no longer reliable"). */
export const NEGATORS = new Set([
  'not',
  'no',
  'never',
  "isn't",
  "aren't",
  "wasn't",
  "doesn't",
  "don't",
  "can't",
  "won't",
  "wouldn't",
  "shouldn't",
  "couldn't",
  "didn't",
  'hardly',
  'nicht',
  'kein',
  'keine',
  'pas',
  'nunca',
  'nao',
  'non',
]);

/** Words that make the cue after them count double ("consistently praised"). */
export const INTENSIFIERS = new Set([
  'very',
  'highly',
  'consistently',
  'extremely',
  'really',
  'genuinely',
  'particularly',
  'especially',
  'incredibly',
  'exceptionally',
  'truly',
  'super',
  'so',
  'tres',
  'muy',
  'sehr',
  'molto',
  'muito',
]);

/** Comparatives that turn praise into a shortcoming ("less flexible than X"). */
export const DIMINISHERS = new Set(['less', 'fewer', 'moins', 'menos', 'weniger', 'meno']);

/** Sections whose title says the answer is giving its verdict ("My recommendation", "Bottom line"). */
export const VERDICT_TITLES =
  /\b(?:recommendation|my pick|bottom line|verdict|in short|tl;dr|key takeaway|my take|summary|conseil|empfehlung|mein tipp|consejo|recomendacao|consiglio)\b/;

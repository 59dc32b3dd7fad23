import { isSameSite } from './urls.ts';

export const DOMAIN_CATEGORIES = [
  'OWNED',
  'COMPETITOR',
  'EDITORIAL_MEDIA',
  'SOCIAL_UGC',
  'REVIEW_DIRECTORY',
  'MARKETPLACE',
  'INSTITUTIONAL',
  'REFERENCE',
  'OTHER',
] as const;
export type DomainCategory = (typeof DOMAIN_CATEGORIES)[number];

type TableCategory = Exclude<DomainCategory, 'OWNED' | 'COMPETITOR' | 'INSTITUTIONAL' | 'OTHER'>;

// Well-known sites by category. A site matches its subdomains too; a name ending in `.*` matches
// that name under any country or generic suffix (amazon.de, amazon.co.uk).
const KNOWN_SITES: Record<TableCategory, string> = {
  REVIEW_DIRECTORY: `g2.com capterra.com capterra.* trustpilot.com trustpilot.* getapp.com softwareadvice.com
    trustradius.com yelp.com yelp.* tripadvisor.* glassdoor.com glassdoor.* sitejabber.com bbb.org producthunt.com
    clutch.co goodfirms.co runrepeat.com rtings.com consumerreports.org gartner.com peerspot.com saasworthy.com
    getapp.* foursquare.com zomato.com thefork.* opentable.com slashdot.org sourceforge.net alternativeto.net
    crozdesk.com financesonline.com selecthub.com reviews.io feefo.com kununu.com yell.com angi.com
    houzz.com healthgrades.com zocdoc.com`,
  SOCIAL_UGC: `reddit.com quora.com youtube.com youtu.be x.com twitter.com facebook.com instagram.com tiktok.com
    linkedin.com medium.com substack.com pinterest.com tumblr.com stackoverflow.com stackexchange.com github.com
    gitlab.com discord.com discord.gg threads.net mastodon.social news.ycombinator.com dev.to hashnode.com
    vimeo.com twitch.tv telegram.org t.me whatsapp.com snapchat.com bsky.app fandom.com flickr.com
    community.* forum.* forums.*`,
  MARKETPLACE: `amazon.* ebay.* etsy.com walmart.com target.com bestbuy.com aliexpress.com alibaba.com
    apps.shopify.com rakuten.* mercadolibre.* zalando.* booking.com expedia.* hotels.com airbnb.* apps.apple.com
    play.google.com chromewebstore.google.com marketplace.atlassian.com appsumo.com flipkart.com wayfair.com
    homedepot.com lowes.com costco.com ikea.com otto.de cdiscount.com fnac.com bol.com allegro.pl
    vrbo.com agoda.com kayak.* skyscanner.* trivago.* hostelworld.com wordpress.org/plugins`,
  REFERENCE: `wikipedia.org wikimedia.org wiktionary.org wikidata.org britannica.com merriam-webster.com
    dictionary.com investopedia.com wikihow.com archive.org crunchbase.com statista.com imdb.com
    cambridge.org oxfordlearnersdictionaries.com larousse.fr rae.es duden.de dbpedia.org pitchbook.com
    webmd.com mayoclinic.org healthline.com developer.mozilla.org w3.org ietf.org iso.org`,
  EDITORIAL_MEDIA: `nytimes.com forbes.com techcrunch.com theverge.com wired.com bbc.co.uk bbc.com cnn.com
    reuters.com bloomberg.com wsj.com ft.com theguardian.com washingtonpost.com businessinsider.com cnbc.com
    zdnet.com cnet.com pcmag.com techradar.com tomsguide.com tomshardware.com engadget.com arstechnica.com
    venturebeat.com mashable.com fastcompany.com inc.com entrepreneur.com hbr.org theatlantic.com time.com
    usatoday.com nbcnews.com cbsnews.com abcnews.go.com npr.org axios.com politico.com economist.com
    lemonde.fr lefigaro.fr liberation.fr lesechos.fr elpais.com elmundo.es abc.es lavanguardia.com
    spiegel.de zeit.de faz.net sueddeutsche.de handelsblatt.com heise.de t3n.de chip.de golem.de
    corriere.it repubblica.it publico.pt xataka.com genbeta.com runnersworld.com cntraveler.com timeout.*
    nerdwallet.com sprudge.com seriouseats.com eater.com vogue.com gq.com menshealth.com womenshealthmag.com
    lonelyplanet.com travelandleisure.com fodors.com krebsonsecurity.com security.org digitaltrends.com
    gizmodo.com lifehacker.com independent.co.uk telegraph.co.uk dailymail.co.uk huffpost.com vox.com
    slate.com buzzfeed.com adweek.com marketingweek.com searchenginejournal.com searchengineland.com
    thenextweb.com theinformation.com fortune.com marketwatch.com morningstar.com kiplinger.com
    usnews.com thespruce.com goodhousekeeping.com wirecutter.com businessnewsdaily.com techrepublic.com
    computerworld.com infoworld.com theregister.com 9to5mac.com macrumors.com androidauthority.com
    stuff.tv whathifi.com which.co.uk moneysavingexpert.com lesnumeriques.com 01net.com`,
};

// Labels that mark a government, education or intergovernmental host (`gov.uk`, `ac.jp`, `.edu`).
const INSTITUTIONAL_TOP_LEVEL = new Set(['gov', 'edu', 'mil', 'int']);
const INSTITUTIONAL_SECOND_LEVEL = new Set(['gov', 'gouv', 'gob', 'govt', 'go', 'edu', 'ac', 'mil', 'nhs']);
const INSTITUTIONAL_SITES = [
  'europa.eu',
  'who.int',
  'un.org',
  'oecd.org',
  'worldbank.org',
  'imf.org',
  'canada.ca',
  'bund.de',
  'admin.ch',
  'service-public.fr',
  'nhs.uk',
];

const exactSites = new Map<string, TableCategory>();
const anySuffixSites = new Map<string, TableCategory>();
const anyParentSites = new Map<string, TableCategory>();
for (const [category, sites] of Object.entries(KNOWN_SITES) as Array<[TableCategory, string]>) {
  for (const site of sites.split(/\s+/).filter((entry) => entry.length > 0)) {
    if (site.endsWith('.*')) {
      const label = site.slice(0, -2);
      if (label.includes('.')) exactSites.set(label, category);
      else anySuffixSites.set(label, category);
    } else if (site.startsWith('community.') || site.startsWith('forum')) {
      anyParentSites.set(site.split('.')[0], category);
    } else exactSites.set(site.replace(/\/.*$/, ''), category);
  }
}

function isInstitutional(host: string): boolean {
  const labels = host.split('.');
  const last = labels[labels.length - 1];
  if (INSTITUTIONAL_TOP_LEVEL.has(last)) return true;
  const secondLast = labels[labels.length - 2];
  if (secondLast !== undefined && last.length === 2 && INSTITUTIONAL_SECOND_LEVEL.has(secondLast))
    return true;
  return INSTITUTIONAL_SITES.some((site) => isSameSite(host, site));
}

function isCountryOrGenericSuffix(labels: string[]): boolean {
  return (
    labels.length >= 1 &&
    labels.length <= 2 &&
    labels.every((label) => label.length >= 2 && label.length <= 3)
  );
}

/** The category of a well-known host, ignoring ownership: a table lookup, then suffix rules. */
export function categoriseHost(host: string): DomainCategory {
  const labels = host.split('.');
  for (let index = 0; index < labels.length - 1; index++) {
    const category = exactSites.get(labels.slice(index).join('.'));
    if (category !== undefined) return category;
  }
  for (let index = 0; index < labels.length - 1; index++) {
    const category = anySuffixSites.get(labels[index]);
    if (category !== undefined && isCountryOrGenericSuffix(labels.slice(index + 1))) return category;
  }
  if (isInstitutional(host)) return 'INSTITUTIONAL';
  if (labels.length >= 3) {
    const category = anyParentSites.get(labels[0]);
    if (category !== undefined) return category;
  }
  return 'OTHER';
}

/** OWNED and COMPETITOR come first; then the table of well-known sites. */
export function classifyDomain(
  host: string,
  ownHost: string | null,
  competitorHosts: string[],
): DomainCategory {
  if (ownHost !== null && isSameSite(host, ownHost)) return 'OWNED';
  if (competitorHosts.some((competitorHost) => isSameSite(host, competitorHost))) return 'COMPETITOR';
  return categoriseHost(host);
}

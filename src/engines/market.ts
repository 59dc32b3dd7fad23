import type { Market } from './types.ts';

// Names people type for common markets; ISO 3166-1 alpha-2 codes are accepted as they are.
const COUNTRY_CODES: Record<string, string> = {
  'united states': 'US',
  'united states of america': 'US',
  usa: 'US',
  america: 'US',
  'united kingdom': 'GB',
  uk: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  canada: 'CA',
  australia: 'AU',
  'new zealand': 'NZ',
  ireland: 'IE',
  germany: 'DE',
  deutschland: 'DE',
  austria: 'AT',
  switzerland: 'CH',
  france: 'FR',
  belgium: 'BE',
  netherlands: 'NL',
  'the netherlands': 'NL',
  holland: 'NL',
  luxembourg: 'LU',
  spain: 'ES',
  españa: 'ES',
  portugal: 'PT',
  italy: 'IT',
  italia: 'IT',
  sweden: 'SE',
  norway: 'NO',
  denmark: 'DK',
  finland: 'FI',
  iceland: 'IS',
  poland: 'PL',
  'czech republic': 'CZ',
  czechia: 'CZ',
  slovakia: 'SK',
  hungary: 'HU',
  romania: 'RO',
  bulgaria: 'BG',
  greece: 'GR',
  croatia: 'HR',
  slovenia: 'SI',
  serbia: 'RS',
  ukraine: 'UA',
  russia: 'RU',
  'russian federation': 'RU',
  turkey: 'TR',
  türkiye: 'TR',
  turkiye: 'TR',
  israel: 'IL',
  'united arab emirates': 'AE',
  uae: 'AE',
  'saudi arabia': 'SA',
  qatar: 'QA',
  egypt: 'EG',
  'south africa': 'ZA',
  nigeria: 'NG',
  kenya: 'KE',
  morocco: 'MA',
  india: 'IN',
  pakistan: 'PK',
  bangladesh: 'BD',
  china: 'CN',
  'hong kong': 'HK',
  taiwan: 'TW',
  japan: 'JP',
  'south korea': 'KR',
  korea: 'KR',
  singapore: 'SG',
  malaysia: 'MY',
  indonesia: 'ID',
  thailand: 'TH',
  vietnam: 'VN',
  'viet nam': 'VN',
  philippines: 'PH',
  mexico: 'MX',
  méxico: 'MX',
  brazil: 'BR',
  brasil: 'BR',
  argentina: 'AR',
  chile: 'CL',
  colombia: 'CO',
  peru: 'PE',
};

// English language names (as stored on reports) to ISO 639-1.
const LANGUAGE_CODES: Record<string, string> = {
  english: 'en',
  spanish: 'es',
  french: 'fr',
  german: 'de',
  italian: 'it',
  portuguese: 'pt',
  dutch: 'nl',
  swedish: 'sv',
  norwegian: 'no',
  danish: 'da',
  finnish: 'fi',
  icelandic: 'is',
  polish: 'pl',
  czech: 'cs',
  slovak: 'sk',
  hungarian: 'hu',
  romanian: 'ro',
  bulgarian: 'bg',
  greek: 'el',
  croatian: 'hr',
  slovenian: 'sl',
  serbian: 'sr',
  ukrainian: 'uk',
  russian: 'ru',
  turkish: 'tr',
  hebrew: 'he',
  arabic: 'ar',
  persian: 'fa',
  hindi: 'hi',
  bengali: 'bn',
  urdu: 'ur',
  chinese: 'zh',
  japanese: 'ja',
  korean: 'ko',
  indonesian: 'id',
  malay: 'ms',
  thai: 'th',
  vietnamese: 'vi',
  filipino: 'tl',
  tagalog: 'tl',
  swahili: 'sw',
  catalan: 'ca',
};

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

export interface ResolvedMarket {
  /** ISO 3166-1 alpha-2, upper case; null when the country is unset or unknown. */
  countryCode: string | null;
  /** English name for prompts: from the code when known, else the text as given. */
  countryName: string | null;
  /** ISO 639-1, lower case; null when unknown. */
  languageCode: string | null;
  languageName: string;
  location: string | null;
  city: string | null;
  region: string | null;
}

const clean = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

export function countryCode(country: string | null | undefined): string | null {
  const value = clean(country);
  if (value === null) return null;
  if (/^[a-z]{2}$/i.test(value)) return value.toUpperCase() === 'UK' ? 'GB' : value.toUpperCase();
  return COUNTRY_CODES[value.toLowerCase().replace(/\s+/g, ' ')] ?? null;
}

export function languageCode(language: string | null | undefined): string | null {
  const value = clean(language);
  if (value === null) return null;
  if (/^[a-z]{2}$/i.test(value)) return value.toLowerCase();
  return LANGUAGE_CODES[value.toLowerCase()] ?? null;
}

export function resolveMarket(market: Market): ResolvedMarket {
  const code = countryCode(market.country);
  const language = languageCode(market.language);
  const location = clean(market.location);
  const countryName = code ? (regionNames.of(code) ?? clean(market.country)) : clean(market.country);
  // "Austin, Texas" → city and region; a trailing country part is dropped.
  const parts = (location ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '' && (code === null || countryCode(part) !== code));
  return {
    countryCode: code,
    countryName,
    languageCode: language,
    languageName: language ? (languageNames.of(language) ?? market.language) : market.language,
    location,
    city: parts[0] ?? null,
    region: parts[1] ?? null,
  };
}

export interface ApproximateLocation {
  type: 'approximate';
  country?: string;
  city?: string;
  region?: string;
}

/** The `user_location` shape shared by OpenAI's and Anthropic's web search tools. */
export function approximateLocation(market: ResolvedMarket): ApproximateLocation | undefined {
  if (market.countryCode === null && market.city === null) return undefined;
  return {
    type: 'approximate',
    ...(market.countryCode ? { country: market.countryCode } : {}),
    ...(market.city ? { city: market.city } : {}),
    ...(market.region ? { region: market.region } : {}),
  };
}

/**
 * A one-line system instruction carrying the market, for providers with no location parameter
 * (and the answer language for all): kept short so it steers locale without shaping the answer.
 */
export function marketInstruction(market: ResolvedMarket): string | undefined {
  const { location, countryName } = market;
  const mentionsCountry =
    location !== null && countryName !== null && location.toLowerCase().includes(countryName.toLowerCase());
  const place = [location, mentionsCountry ? null : countryName].filter((part) => part !== null).join(', ');
  const sentences: string[] = [];
  if (place) sentences.push(`The user is located in ${place}.`);
  if (market.languageCode !== 'en') sentences.push(`Answer in ${market.languageName}.`);
  return sentences.length > 0 ? sentences.join(' ') : undefined;
}

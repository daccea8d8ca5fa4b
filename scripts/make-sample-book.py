"""Builds shared/model/sample-deals.ts from the reviewed deals list (real-deals.csv) plus the seed-article deals it lacks.

Run by hand when the list changes:  python3 scripts/make-sample-book.py PATH/TO/real-deals.csv
The output is committed; nothing in the project reads the CSV at build, test or run time.
Bases and precisions come only from what each row's notes say (see the rules below); nothing is invented.
"""
import csv, json, sys

SRC = sys.argv[1]
rows = list(csv.DictReader(open(SRC, encoding='utf-8')))
assert len(rows) == 64, len(rows)

# Row numbers (1-based, file order) whose notes call the headline amount a ceiling: "up to", "as much as", a
# letter of intent. Rows whose "up to" was later paid in full (Amazon's first $4B, SoftBank's $30B) stay firm.
UP_TO = {8, 29, 31, 32, 35, 39, 53, 54, 63}
# Rows whose notes say the announcement day (not the start) is approximate: only the month is known.
MONTH = {4, 5, 7, 8, 19, 20, 23, 25, 40, 43}

def num(s):
    s = s.strip()
    if s == '':
        return None
    n = float(s)
    return int(n) if n.is_integer() else n

deals = []
for i, r in enumerate(rows, 1):
    announced = r['announced']
    precision = 'month' if i in MONTH else 'day'
    if precision == 'month':
        announced = announced[:8] + '01'
    deals.append({
        'announced': announced, 'announced_precision': precision,
        'from_party': r['from_party'], 'to_party': r['to_party'], 'kind': r['kind'], 'status': r['status'],
        'amount_usd': num(r['amount_usd']), 'amount_basis': 'up_to' if i in UP_TO else 'firm',
        'cash_usd': num(r['cash_usd']), 'credit_usd': num(r['credit_usd']),
        'term_years': int(r['term_years'] or 1), 'start': r['start'] or None, 'capacity_mw': num(r['capacity_mw']),
        'source_url': r['source_url'] or None, 'notes': r['notes'] or None,
    })

CAPITAL = 'https://businessengineer.ai/p/this-week-in-business-ai-the-new'
CS = 'Seed article: Business Engineer, "Layer 2 of the Deep Capital Stack" (analysis cited to ' + CAPITAL + ')'
AI = 'Seed article: AInvest newsletter on OpenAI\'s $40B round and AI compute as a financial asset (page stamped Jan 14 2026; no link in the capture)'

def seed(announced, precision, frm, to, kind, amount, notes, url=None, status='announced', capacity=None):
    deals.append({
        'announced': announced, 'announced_precision': precision, 'from_party': frm, 'to_party': to, 'kind': kind,
        'status': status, 'amount_usd': amount, 'amount_basis': 'firm', 'cash_usd': None, 'credit_usd': None,
        'term_years': 1, 'start': None, 'capacity_mw': capacity, 'source_url': url, 'notes': notes,
    })

STARGATE_DATE = 'Dated with the Stargate Project row (Jan 21 2025), which this backing belongs to; the article gives no date.'
for backer in ['OpenAI', 'SoftBank', 'Oracle', 'MGX']:
    seed('2025-01-21', 'day', backer, 'Stargate', 'infrastructure', None,
         f'{CS}: "Stargate — $500B; Backed by OpenAI, SoftBank, Oracle, MGX". {backer}\'s share is not given: amount undisclosed. {STARGATE_DATE}', CAPITAL)
seed('2025-01-01', 'year', 'Amazon', 'Amazon', 'infrastructure', 125 * 10**9,
     f'{CS}: "AWS CapEx — $125B; 1M Trainium chips; Anthropic partnership". Entered under Amazon, as the reviewed list enters AWS; Project Rainier ($11B, its own row) is part of this capex. The article gives no date; year 2025 (AWS\'s 2025 capex plan) is approximate.', CAPITAL)
seed('2025-03-31', 'day', 'Other round investors', 'OpenAI', 'investment', 10 * 10**9,
     f'{AI}: "OpenAI\'s recent $40 billion funding round". SoftBank\'s $30B of it is its own row; this is the other $10B, which the reviewed list\'s SoftBank note attributes to a syndicate (Microsoft, Coatue, Altimeter, Thrive). Dated with that round (Mar 31 2025).')
seed('2025-01-01', 'year', 'Third-party co-investors', 'OpenAI', 'investment', 11 * 10**9,
     f'{AI}: "This capital, combined with $11 billion from third-party co-investors, [...] in the company." Co-investors not named; the article places it in 2025, day and month unknown.')
seed('2026-01-01', 'month', 'OpenAI', 'SB Energy', 'infrastructure', 1 * 10**9,
     f'{AI}: "a $1 billion joint venture with SoftBank\'s SB Energy in Texas", part of the Stargate project. Reported in the newsletter stamped Jan 14 2026: month approximate.')
seed('2025-01-01', 'year', 'OpenAI', 'Oracle', 'purchase', 10 * 10**9,
     f'{AI}: "[...] in OpenAI is matched by OpenAI\'s $10 billion purchase of computing power from Oracle" (the capture lost the first half of the sentence). Not the same as the $300B contract, which the article names separately. Year 2025 per the article; day unknown.')
seed('2025-01-01', 'year', 'Meta', 'Meta', 'infrastructure', None,
     f'{AI}: "hyperscalers like Meta, Alphabet, and Amazon are [...] on data center infrastructure in 2025, a 62% increase from the previous year." Per-company amount not given (undisclosed, not zero).')
seed('2025-01-01', 'year', 'Alphabet', 'Alphabet', 'infrastructure', None,
     f'{AI}: "hyperscalers like Meta, Alphabet, and Amazon are [...] on data center infrastructure in 2025". Per-company amount not given.')
seed('2025-01-01', 'year', 'Macquarie', 'Aligned Data Centers', 'infrastructure', None,
     f'{AI}: "[...] of AirTrunk and Macquarie\'s expansion of Aligned Data Centers, with energy availability now a core underwriting criterion." No amount; year 2025 per the article. Aligned was later sold to the AIP consortium (its own row).')

KINDS = {
    'Microsoft': 'hyperscaler', 'OpenAI': 'lab', 'Google': 'hyperscaler', 'Anthropic': 'lab', 'Nvidia': 'chipmaker',
    'CoreWeave': 'neocloud', 'Amazon': 'hyperscaler', 'G42': 'sovereign', 'Blackstone': 'investor', 'AirTrunk': 'other',
    'SoftBank': 'investor', 'Stargate': 'other', 'Meta': 'hyperscaler', 'Nebius': 'neocloud', 'Mistral': 'lab',
    'Oracle': 'hyperscaler', 'AMD': 'chipmaker', 'xAI': 'lab', 'Broadcom': 'chipmaker',
    'AIP (BlackRock, GIP, MGX, Microsoft, Nvidia, xAI)': 'investor', 'Aligned Data Centers': 'other', 'Nscale': 'neocloud',
    'BlackRock': 'investor', 'Meta Hyperion JV': 'other', 'Blue Owl': 'investor', 'PIMCO': 'investor', 'IREN': 'neocloud',
    'Dell': 'other', 'Lambda': 'neocloud', 'Fluidstack': 'neocloud', 'Cerebras': 'chipmaker', 'MGX': 'sovereign',
    'SB Energy': 'energy', 'Macquarie': 'investor', 'Alphabet': 'hyperscaler', 'Other round investors': 'investor',
    'Third-party co-investors': 'investor',
}
# Only where a source says so: the AInvest article calls it "SoftBank's SB Energy".
PARENTS = {'SB Energy': 'SoftBank'}

names = []
for d in deals:
    for n in (d['from_party'], d['to_party']):
        if n not in names:
            names.append(n)
missing = [n for n in names if n not in KINDS]
assert not missing, missing
parties = [{'name': n, 'kind': KINDS[n], 'parent': PARENTS.get(n)} for n in names]

out = ['// Generated by scripts/make-sample-book.py from the reviewed deals list and the seed articles: edit those, not this.',
       "import type { SampleDeal, SampleParty } from './sample-book';", '',
       'export const SAMPLE_PARTY_ROWS: SampleParty[] = [']
out += [f'  {json.dumps(p, ensure_ascii=False)},' for p in parties]
out += ['];', '', 'export const SAMPLE_DEAL_ROWS: SampleDeal[] = [']
out += [f'  {json.dumps(d, ensure_ascii=False)},' for d in deals]
out += ['];', '']
open('shared/model/sample-deals.ts', 'w', encoding='utf-8').write('\n'.join(out))
print(len(deals), 'deals,', len(parties), 'parties')

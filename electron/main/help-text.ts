/** Help > The Formulas Explained: the spec's derived columns and aggregates in an analyst's words. */
export const FORMULAS_TITLE = 'The formulas explained';

export const FORMULAS_TEXT = `Live deals are every deal whose status is not cancelled. Empty amounts count as 0 in sums.

Row shares (every row)
  cash_share = cash_usd / amount_usd
  credit_share = credit_usd / amount_usd
  other_share = 1 - cash_share - credit_share: value paid neither in cash nor in credits (warrants, equity in kind, undisclosed)
  Empty when amount_usd is empty or 0.

Round trip (live investment rows, per pair A -> B)
  invested = sum of amount_usd over live investments A -> B
  credits = sum of credit_usd over those investments
  bought_back = sum of amount_usd over live purchases B -> A
  round_trip_usd = credits + bought_back
  round_trip_ratio = round_trip_usd / invested, shown on every investment row of the pair
  Credits count because they can only be spent with the investor. Enter a purchase commitment that the credits themselves pay for net of them, or it is counted twice. A ratio above 1 means more flows back to the investor than it put in.

Exposure per investor A (live rows where A is from_party)
  invested cash / credit / other = sums of cash_usd, credit_usd and amount - cash - credit over A's investments
  infrastructure = sum of amount_usd over A's infrastructure rows
  exposure = investment and infrastructure amounts together
  returned = sum of round_trip_usd over every party A invests in
  net = invested cash + credit + other - returned

Commitments over time (live rows with an amount)
  by announcement: amounts per month, quarter or year of the announcement date, by kind, with the running total
  by disbursement: each deal spreads amount_usd / term_years evenly over term_years calendar years from its start (or announcement) year`;

package analytics

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"electsum"
)

// Congress is the model of a people's congress election summary (县乡人大换届选举工作总结): per level
// (县级, 乡级人大代表) the 选民登记, 选区, nomination, voting and the deputies' 构成, each beside the
// previous term's, the 选区 rows for the annex, the deputies' roster and the legal checks. Every count
// comes from views/07_v_congress.sql; shares and rates are divided and rounded by share and ratio.
type Congress struct {
	Scope        Scope     `json:"scope"`
	Level        Level     `json:"level"`
	Year         int       `json:"year"`
	PreviousYear int       `json:"previous_year,omitempty"` // 0: no earlier people's congress election in the scope
	GeneratedAt  time.Time `json:"generated_at"`
	FirstDate    string    `json:"first_date,omitempty"` // earliest 选举日期, YYYY-MM-DD
	LastDate     string    `json:"last_date,omitempty"`

	Levels         []CongressLevel `json:"levels"`         // 县级 then 乡级, those held this year
	Constituencies []Constituency  `json:"constituencies"` // every 选区 this year, by level, township and number
	Roster         []Deputy        `json:"roster"`         // every deputy elected this year
	Checks         []Check         `json:"checks"`         // legal-check failures (违规)
	// Findings are the 存在的问题 the data states beyond the checks: mobile_votes, the 选区 of each level
	// whose 流动票箱 share of 参加投票 is above Options.MobileThreshold (as the village drafts' finding).
	Findings []Finding `json:"findings"`
}

// CongressLevel is one level's election (县级人大代表 or 乡级人大代表) in the scope.
type CongressLevel struct {
	Body           Body   `json:"body"`
	Constituencies Figure `json:"constituencies"` // 选区 that reported
	Townships      Figure `json:"townships"`      // townships with a 选区 of this level

	// 选民登记
	Population       Figure `json:"population"`        // 总人口
	Adults           Figure `json:"adults"`            // 18周岁以上人口
	Excluded         []Part `json:"excluded"`          // not registered here, by reason; share of 18周岁以上人口
	Registered       Figure `json:"registered"`        // 登记选民
	RegistrationRate Figure `json:"registration_rate"` // percent: Σ登记选民 / Σ18周岁以上人口 over 选区 giving both
	RegisteredWomen  Part   `json:"registered_women"`  // share of 登记选民 of the 选区 giving it
	RegisteredMinor  Part   `json:"registered_minority"`
	RegisteredMigr   Part   `json:"registered_migrant"`
	// PopulationReporting, AdultsReporting, RegisteredReporting and CandidatesReporting count the 选区
	// that gave 总人口, 18周岁以上人口, 登记选民 and 正式候选人数 this term when fewer than all of the
	// level's did (else no figure): the sum is then of those 选区 alone, no total, and the draft says
	// so (总人口…（N个选区填报）). RateReporting and MarginReporting count likewise the 选区 giving both
	// terms of RegistrationRate and of Margin. Excluded parts say theirs in Part.Reporting.
	PopulationReporting Value `json:"population_reporting"`
	AdultsReporting     Value `json:"adults_reporting"`
	RegisteredReporting Value `json:"registered_reporting"`
	RateReporting       Value `json:"rate_reporting"`
	CandidatesReporting Value `json:"candidates_reporting"`
	MarginReporting     Value `json:"margin_reporting"`

	// 投票
	Voted          Figure `json:"voted"`
	Turnout        Figure `json:"turnout"` // percent: Σ参加投票 / Σ登记选民 over 选区 giving both
	InPerson       Part   `json:"in_person"`
	Mobile         Part   `json:"mobile"`
	Proxy          Part   `json:"proxy"`
	ValidBallots   Figure `json:"valid_ballots"`
	InvalidBallots Figure `json:"invalid_ballots"`

	// 代表名额与候选人
	Seats       Figure `json:"seats"`
	Candidates  Figure `json:"candidates"`
	Elected     Figure `json:"elected"`
	Margin      Figure `json:"margin"`      // 差额比例, percent: (Σ候选 − Σ应选) / Σ应选 over 选区 giving both
	Nominations []Part `json:"nominations"` // by channel; share of the 正式候选人 of the 选区 giving it
	Rounds      []Part `json:"rounds"`      // 一次选足, 另行选举, 未选足; share of the 选区 that said

	Deputies DeputyStructure `json:"deputies"`
}

// DeputyStructure is 代表构成: the elected deputies of one level. Each part is a share of the deputies
// whose column was filled (no figure when nobody's was); Change of a share is in 百分点.
type DeputyStructure struct {
	Total          Figure `json:"total"`
	Women          Part   `json:"women"`
	NonParty       Part   `json:"non_party"`       // 非中共党员
	Minorities     Part   `json:"minorities"`      // 少数民族
	Categories     []Part `json:"categories"`      // 工人, 农民, 专业技术人员, 干部, 其他
	WorkersFarmers Part   `json:"workers_farmers"` // 工人 + 农民
	College        Part   `json:"college"`         // 大专及以上
	Reelected      Part   `json:"reelected"`       // 连任
	// Unlisted counts the deputies the results elected beyond those the roster lists (their 当选代表名单
	// not sent); no figure when it lists them all. The parts are then of the listed deputies only.
	Unlisted Value `json:"unlisted"`
}

// Constituency is one 选区 at one level, for the annex.
type Constituency struct {
	UnitRef
	Number           string `json:"number"` // 选区编号 as written
	Body             Body   `json:"body"`
	Population       Value  `json:"population"`
	Adults           Value  `json:"adults"`
	AwayHome         Value  `json:"away_home"`
	AwayWorkplace    Value  `json:"away_workplace"`
	AwayMissing      Value  `json:"away_missing"`
	Incapable        Value  `json:"incapable"`
	Suspended        Value  `json:"suspended"`
	Deprived         Value  `json:"deprived"`
	Registered       Value  `json:"registered"`
	RegisteredWomen  Value  `json:"registered_women"`
	RegisteredMinor  Value  `json:"registered_minority"`
	RegisteredMigr   Value  `json:"registered_migrant"`
	Voted            Value  `json:"voted"`
	InPerson         Value  `json:"in_person"`
	Mobile           Value  `json:"mobile"`
	Proxy            Value  `json:"proxy"`
	ValidBallots     Value  `json:"valid_ballots"`
	InvalidBallots   Value  `json:"invalid_ballots"`
	Seats            Value  `json:"seats"`
	Candidates       Value  `json:"candidates"`
	ByParties        Value  `json:"by_parties"`
	ByVoters         Value  `json:"by_voters"`
	Elected          Value  `json:"elected"`
	Round            string `json:"round,omitempty"`
	RegistrationRate Value  `json:"registration_rate"` // percent, half-up
	Turnout          Value  `json:"turnout"`           // percent, half-up
	Margin           Value  `json:"margin"`            // percent, half-up
	MobileShare      Value  `json:"mobile_share"`      // 流动票箱投票 / 参加投票, percent, half-up
}

// Deputy is one elected deputy in the roster; IDNumber is masked unless Options.Unmasked.
type Deputy struct {
	Member
	Category string `json:"category,omitempty"` // 代表构成
	Votes    Value  `json:"votes"`
}

// The labels of the groups, as the drafts print them.
var (
	excludedLabels   = []string{"回户籍地参选", "参加本单位选举", "长期外出下落不明", "不能行使选举权利", "停止行使选举权利", "被剥夺选举权利"}
	excludedColumns  = []string{"away_home", "away_workplace", "away_missing", "incapable", "suspended", "deprived"}
	nominationLabels = []string{"政党、人民团体推荐", "选民或代表十人以上联名推荐"}
	roundLabels      = electsum.Rounds()
)

// SummarizeCongress computes the people's congress model of the scope's year (the latest year with a
// people's congress election when scope.Year is 0). scope.Unit is ignored: a summary covers 选区 of a
// township or a county. It returns a *NoDataError when the scope holds no such election that year.
func SummarizeCongress(ctx context.Context, db *sql.DB, scope Scope, opts Options) (*Congress, error) {
	scope.Unit = ""
	conn, opts, err := electionConn(ctx, db, opts)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if scope.Year == 0 {
		var y sql.NullInt64
		if err := conn.QueryRowContext(ctx, sqlText("congress_previous_year"), 1<<30, "", "").Scan(&y); err != nil {
			return nil, fmt.Errorf("find the latest people's congress election: %w", err)
		}
		scope.Year = int(y.Int64)
	}
	prevYear := scope.Compare
	if prevYear == 0 {
		var y sql.NullInt64
		if err := conn.QueryRowContext(ctx, sqlText("congress_previous_year"), electionScopeArgs(scope)...).Scan(&y); err != nil {
			return nil, fmt.Errorf("find the previous people's congress election: %w", err)
		}
		prevYear = int(y.Int64)
	}
	cur, prev, gaps, err := termTotals(ctx, conn, "congress_totals", "people's congress", scope, prevYear)
	if err != nil {
		return nil, err
	}
	c := &Congress{Scope: scope, Year: scope.Year, PreviousYear: prevYear, GeneratedAt: opts.now(), Level: electionLevel(scope)}
	for _, r := range cur {
		c.Levels = append(c.Levels, congressLevel(r.body, r.n, prev[r.body].n))
	}
	if err := conn.QueryRowContext(ctx, sqlText("congress_dates"), electionScopeArgs(scope)...).Scan(&c.FirstDate, &c.LastDate); err != nil {
		return nil, fmt.Errorf("read the people's congress election dates: %w", err)
	}
	if c.Constituencies, err = constituencies(ctx, conn, scope); err != nil {
		return nil, err
	}
	if c.Roster, err = deputies(ctx, conn, scope, opts.Unmasked); err != nil {
		return nil, err
	}
	if c.Checks, err = congressChecks(ctx, conn, scope); err != nil {
		return nil, err
	}
	inListOrder(c)
	c.Findings = append(congressProblems(c, opts.MobileThreshold), gaps...)
	return c, nil
}

// inListOrder puts the 选区 of each level, county and township, and their deputies, in the order of their
// numbers — the 选区编号, else the number the name gives (第三选区, 县第36选区; electsum.NumberInName) —
// those without one last, by name. The names' own order put 第三选区 before 第二选区.
func inListOrder(c *Congress) {
	type place struct {
		body                   Body
		county, township, unit string
	}
	numbered := map[place]int{}
	for _, k := range c.Constituencies {
		if n, ok := electsum.NumberInName(k.Number); ok {
			numbered[place{k.Body, k.County, k.Township, k.Unit}] = n
		}
	}
	// Each place's number is found once, not on every comparison of the sort.
	rank := func(p place) int {
		if n, ok := numbered[p]; ok {
			return n
		}
		n, ok := electsum.NumberInName(p.unit)
		if !ok {
			n = math.MaxInt
		}
		numbered[p] = n
		return n
	}
	compare := func(p, q place) int {
		return cmp.Or(cmp.Compare(levelRank(p.body), levelRank(q.body)), cmp.Compare(p.county, q.county),
			cmp.Compare(p.township, q.township), cmp.Compare(rank(p), rank(q)), cmp.Compare(p.unit, q.unit))
	}
	slices.SortStableFunc(c.Constituencies, func(a, b Constituency) int {
		return compare(place{a.Body, a.County, a.Township, a.Unit}, place{b.Body, b.County, b.Township, b.Unit})
	})
	slices.SortStableFunc(c.Roster, func(a, b Deputy) int {
		return compare(place{a.Body, a.County, a.Township, a.Unit}, place{b.Body, b.County, b.Township, b.Unit})
	})
}

// levelRank puts the 县级人大代表 before the 乡级.
func levelRank(b Body) int {
	if b == electsum.CountyDeputies {
		return 0
	}
	return 1
}

// congressProblems are the people's congress 存在的问题 from the data: per level, the 选区 whose
// 流动票箱投票 is more than threshold percent of their 参加投票 (compared before rounding, as the village
// drafts' participation_figures does), highest share first; 选区 without 流动票箱投票数 or 参加投票 are
// never named. One finding mobile_votes, Items per level, or none.
func congressProblems(c *Congress, threshold float64) []Finding {
	mobile := Finding{Section: SectionProblem, Kind: FindingMobileVotes}
	for _, l := range c.Levels {
		item := Finding{Body: l.Body, Threshold: threshold}
		for _, k := range c.Constituencies {
			if k.Body != l.Body || !k.Mobile.OK || !k.Voted.OK || k.Voted.V <= 0 || !k.MobileShare.OK {
				continue
			}
			if 100*k.Mobile.V > threshold*k.Voted.V {
				item.Units = append(item.Units, Named{UnitRef: k.UnitRef, Rate: k.MobileShare})
			}
		}
		if len(item.Units) == 0 {
			continue
		}
		slices.SortStableFunc(item.Units, func(a, b Named) int { return cmp.Compare(b.Rate.V, a.Rate.V) })
		mobile.Items = append(mobile.Items, item)
	}
	return appendPerBody([]Finding{}, mobile)
}

// counts is one row of sql/congress_totals.sql by column name; a missing name or a NULL is "not given".
type counts map[string]sql.NullInt64

// get is the count named name, and whether it was given.
func (c counts) get(name string) (int, bool) {
	v, ok := c[name]
	return int(v.Int64), ok && v.Valid
}

// bodyCounts is one body's row of a totals query (sql/congress_totals.sql, sql/party_congress_totals.sql): its
// counts by column name, and its text columns by name.
type bodyCounts struct {
	body Body
	n    counts
	text map[string]string
}

// termTotals reads the totals query for the scope's year and, when prevYear is not 0, for prevYear, by body; what
// names the figures in errors. The column body is the body, the columns named in texts are text, every other
// column is a count. No row this year is a NoDataError.
func termTotals(ctx context.Context, conn querier, query, what string, scope Scope, prevYear int, texts ...string) ([]bodyCounts, map[Body]bodyCounts, []Finding, error) {
	cur, err := bodyTotals(ctx, conn, query, what, scope, scope.Year, texts)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(cur) == 0 {
		return nil, nil, nil, &NoDataError{Scope: scope}
	}
	prev := map[Body]bodyCounts{}
	var gaps []Finding
	if prevYear != 0 {
		rows, err := bodyTotals(ctx, conn, query, what, scope, prevYear, texts)
		if err != nil {
			return nil, nil, nil, err
		}
		curTownships, err := termTownships(ctx, conn, scope, scope.Year)
		if err != nil {
			return nil, nil, nil, err
		}
		prevTownships, err := termTownships(ctx, conn, scope, prevYear)
		if err != nil {
			return nil, nil, nil, err
		}
		// The kind's townships in each term: those holding any of its bodies (the totals' rows).
		ofKind := func(held map[Body]map[townshipRef]bool, bodies []bodyCounts) map[townshipRef]bool {
			out := map[townshipRef]bool{}
			for _, r := range bodies {
				maps.Copy(out, held[r.body])
			}
			return out
		}
		kind := [2]map[townshipRef]bool{ofKind(curTownships, cur), ofKind(prevTownships, rows)}
		for _, r := range rows {
			onlyCurrent, onlyPrevious := oneTermTownships([2]map[townshipRef]bool{curTownships[r.body], prevTownships[r.body]}, kind)
			if len(curTownships[r.body]) > 0 && len(onlyCurrent)+len(onlyPrevious) > 0 {
				gaps = append(gaps, townshipsOneTerm(r.body, onlyCurrent, onlyPrevious)...)
				continue // held in other townships: no previous term to compare
			}
			prev[r.body] = r
		}
	}
	return cur, prev, gaps, nil
}

// termTownships are the townships holding each body's elections or members in the scope in year
// (sql/term_townships.sql).
func termTownships(ctx context.Context, conn querier, scope Scope, year int) (map[Body]map[townshipRef]bool, error) {
	out := map[Body]map[townshipRef]bool{}
	err := eachRow(ctx, conn, fmt.Sprintf("the townships of %d", year), sqlText("term_townships"), []any{year, scope.County, scope.Township}, func(rows *sql.Rows) error {
		var b Body
		var t townshipRef
		if err := rows.Scan(&b, &t.County, &t.Township); err != nil {
			return err
		}
		if out[b] == nil {
			out[b] = map[townshipRef]bool{}
		}
		out[b][t] = true
		return nil
	})
	return out, err
}

func bodyTotals(ctx context.Context, conn querier, query, what string, s Scope, year int, texts []string) ([]bodyCounts, error) {
	var out []bodyCounts
	var cols []string
	err := eachRow(ctx, conn, "the "+what+" figures", sqlText(query), []any{year, s.County, s.Township, year, s.County, s.Township}, func(rows *sql.Rows) error {
		if cols == nil {
			var err error
			if cols, err = rows.Columns(); err != nil {
				return err
			}
		}
		var body string
		ints := make([]sql.NullInt64, len(cols))
		strs := make([]sql.NullString, len(cols))
		dest := make([]any, len(cols))
		for i, c := range cols {
			switch {
			case c == "body":
				dest[i] = &body
			case slices.Contains(texts, c):
				dest[i] = &strs[i]
			default:
				dest[i] = &ints[i]
			}
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		r := bodyCounts{body: Body(body), n: counts{}, text: map[string]string{}}
		for i, c := range cols {
			switch dest[i].(type) {
			case *sql.NullInt64:
				r.n[c] = ints[i]
			case *sql.NullString:
				r.text[c] = strs[i].String
			}
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// sumFigure is a sum this term and last; no figure when no 选区 gave the column (known = 0).
func sumFigure(cur, prev counts, name, known string) Figure {
	one := func(c counts) Value {
		if c == nil {
			return Value{}
		}
		if k, _ := c.get(known); known != "" && k == 0 {
			return Value{}
		}
		n, ok := c.get(name)
		if !ok {
			return Value{}
		}
		return count(n)
	}
	return Figure{Current: one(cur), Previous: one(prev)}
}

// rateFigure is num/den in percent this term and last (ratio).
func rateFigure(cur, prev counts, num, den string) Figure {
	one := func(c counts) Value {
		n, ok1 := c.get(num)
		d, ok2 := c.get(den)
		if c == nil || !ok1 || !ok2 {
			return Value{}
		}
		return ratio(n, d)
	}
	return Figure{Current: one(cur), Previous: one(prev)}
}

// sharePart is the part name of the whole of (the whole summed over the rows that gave the part).
func sharePart(label string, cur, prev counts, name, of string) Part {
	one := func(c counts) (Value, Value) {
		n, ok1 := c.get(name)
		d, ok2 := c.get(of)
		if c == nil || !ok1 || !ok2 {
			return Value{}, Value{}
		}
		return count(n), share(n, d)
	}
	p := Part{Label: label}
	p.Count.Current, p.Share.Current = one(cur)
	p.Count.Previous, p.Share.Previous = one(prev)
	if d, ok := cur.get(of); ok && p.Count.Current.OK {
		p.Base = count(d) // so that a template can tell 均为… (every one of Base) from a count
	}
	return p
}

func congressLevel(b Body, cur, prev counts) CongressLevel {
	l := CongressLevel{Body: b}
	l.Constituencies = sumFigure(cur, prev, "constituencies", "")
	l.Townships = sumFigure(cur, prev, "townships", "")
	l.Population = sumFigure(cur, prev, "population", "population_known")
	l.Adults = sumFigure(cur, prev, "adults", "adults_known")
	for i, col := range excludedColumns {
		p := Part{Label: excludedLabels[i]}
		p.Count = sumFigure(cur, prev, col, col+"_known")
		reporting(&p, cur, col+"_known")
		l.Excluded = append(l.Excluded, p)
	}
	l.Registered = sumFigure(cur, prev, "registered", "registered_known")
	l.RegistrationRate = rateFigure(cur, prev, "rate_registered", "rate_adults")
	l.PopulationReporting = fewer(cur, "population_known", "constituencies")
	l.AdultsReporting = fewer(cur, "adults_known", "constituencies")
	l.RegisteredReporting = fewer(cur, "registered_known", "constituencies")
	l.RateReporting = fewer(cur, "rate_known", "constituencies")
	l.CandidatesReporting = fewer(cur, "candidates_known", "constituencies")
	l.MarginReporting = fewer(cur, "margin_known", "constituencies")
	l.RegisteredWomen = sharePart("女性", cur, prev, "registered_women", "women_of")
	l.RegisteredMinor = sharePart("少数民族", cur, prev, "registered_minority", "minority_of")
	l.RegisteredMigr = sharePart("流动人口", cur, prev, "registered_migrant", "migrant_of")

	l.Voted = sumFigure(cur, prev, "voted", "")
	l.Turnout = rateFigure(cur, prev, "turnout_voted", "turnout_registered")
	l.InPerson = sharePart("投票站投票", cur, prev, "in_person_votes", "in_person_of")
	l.Mobile = sharePart("流动票箱投票", cur, prev, "mobile_votes", "mobile_of")
	l.Proxy = sharePart("委托投票", cur, prev, "proxy_votes", "proxy_of")
	// A part summed over the 选区 that gave its column, when some did not, is no total (Part.Partial,
	// Reporting those 选区): the draft says how many 选区 gave it and its share of their whole.
	for _, x := range []struct {
		p    *Part
		name string
	}{{&l.RegisteredWomen, "registered_women"}, {&l.RegisteredMinor, "registered_minority"}, {&l.RegisteredMigr, "registered_migrant"},
		{&l.InPerson, "in_person_votes"}, {&l.Mobile, "mobile_votes"}, {&l.Proxy, "proxy_votes"}} {
		reporting(x.p, cur, x.name+"_known")
	}
	l.ValidBallots = sumFigure(cur, prev, "valid_ballots", "")
	l.InvalidBallots = sumFigure(cur, prev, "invalid_ballots", "")

	l.Seats = sumFigure(cur, prev, "seats", "")
	l.Candidates = sumFigure(cur, prev, "candidates", "")
	l.Elected = sumFigure(cur, prev, "elected", "")
	l.Margin = marginFigure(cur, prev)
	l.Nominations = []Part{
		sharePart(nominationLabels[0], cur, prev, "nominated_by_parties", "parties_of"),
		sharePart(nominationLabels[1], cur, prev, "nominated_by_voters", "voters_of"),
	}
	reporting(&l.Nominations[0], cur, "nominated_by_parties_known")
	reporting(&l.Nominations[1], cur, "nominated_by_voters_known")
	for i, col := range []string{"first_round", "further_round", "unfilled"} {
		p := sharePart(roundLabels[i], cur, prev, col, "round_known")
		if k, _ := cur.get("round_known"); k == 0 {
			p.Count.Current, p.Share.Current = Value{}, Value{}
		}
		if k, _ := prev.get("round_known"); k == 0 {
			p.Count.Previous, p.Share.Previous = Value{}, Value{}
		}
		reporting(&p, cur, "round_known") // a share of the 选区 that answered is not of all: counts alone
		l.Rounds = append(l.Rounds, p)
	}

	d := &l.Deputies
	d.Total = sumFigure(cur, prev, "deputies", "")
	d.Women = sharePart("女性", cur, prev, "women", "deputies")
	d.NonParty = sharePart("非中共党员", cur, prev, "non_party", "party_known")
	d.Minorities = sharePart("少数民族", cur, prev, "minorities", "ethnicity_known")
	d.Categories = categoryParts(cur, prev)
	wf := func(c counts) counts {
		if c == nil {
			return nil
		}
		w, ok1 := c.get("workers")
		f, ok2 := c.get("farmers")
		out := counts{"category_known": c["category_known"]}
		if ok1 && ok2 {
			out["workers_farmers"] = sql.NullInt64{Int64: int64(w + f), Valid: true}
		}
		return out
	}
	d.WorkersFarmers = sharePart("工人、农民", wf(cur), wf(prev), "workers_farmers", "category_known")
	d.College = sharePart(electsum.EducationCollege, cur, prev, "college", "education_known")
	d.Reelected = sharePart("连任", cur, prev, "reelected", "reelected_known")
	for _, p := range []*Part{&d.NonParty, &d.Minorities, &d.WorkersFarmers, &d.College, &d.Reelected} {
		noneKnown(p, cur, prev, knownOf[p.Label])
	}
	// A share over the deputies who filled an optional column (政治面貌, 民族, 代表构成, 学历, 连任), when
	// some did not, is not a share of the deputies (Part.Partial): the draft names its base beside it.
	partial := []*Part{&d.NonParty, &d.Minorities, &d.WorkersFarmers, &d.College, &d.Reelected}
	for i := range d.Categories {
		partial = append(partial, &d.Categories[i])
	}
	for _, p := range partial {
		if p.Base.OK && d.Total.Current.OK && p.Base.V < d.Total.Current.V {
			p.Partial = true
		}
	}
	// A roster listing fewer deputies than the results elected (a 选区's or a township's 当选代表名单 not
	// sent) describes part of them: the draft names how many it leaves out, and no composition is
	// compared while either term's roster is short.
	if n := unlisted(cur, "deputies"); n > 0 {
		d.Unlisted = count(n)
	}
	if prev != nil && (unlisted(cur, "deputies") > 0 || unlisted(prev, "deputies") > 0) {
		d.Total.Previous = Value{}
		notCompared(append(partial, &d.Women)...)
	}
	return l
}

// unlisted is how many people the results (elected) elected beyond those the roster lists (the count
// column listed): their 当选名单 was not sent. 0 when it lists them all, or either count is unknown.
func unlisted(c counts, listed string) int {
	elected, ok1 := c.get("elected")
	n, ok2 := c.get(listed)
	if !ok1 || !ok2 || n >= elected {
		return 0
	}
	return elected - n
}

// notCompared drops the previous term's figures of parts.
func notCompared(parts ...*Part) {
	for _, p := range parts {
		p.Count.Previous, p.Share.Previous = Value{}, Value{}
	}
}

// fewer is the count of rows (选区, meetings) that gave a column this term (cur's known) when some
// but not all of them (cur's all) did; no figure when all did or none did (then the sum is no figure).
func fewer(cur counts, known, all string) Value {
	k, ok := cur.get(known)
	n, _ := cur.get(all)
	if !ok || k == 0 || k >= n {
		return Value{}
	}
	return count(k)
}

// reporting sets p's Reporting to the 选区 that gave its column this term (cur's column known) and
// marks p Partial when that is fewer than all the 选区 of the level.
func reporting(p *Part, cur counts, known string) {
	k, ok := cur.get(known)
	all, _ := cur.get("constituencies")
	if !ok || !p.Count.Current.OK {
		return
	}
	p.Reporting = count(k)
	p.Partial = k < all
}

// categoryParts are the 代表构成 groups (工人, 农民, 专业技术人员, 干部, 其他) of the counts' workers …
// others, each a share of category_known (no figure in a term nobody's category was filled).
func categoryParts(cur, prev counts) []Part {
	var out []Part
	for i, col := range []string{"workers", "farmers", "professionals", "cadres", "others"} {
		p := sharePart(categoryOrder[i], cur, prev, col, "category_known")
		noneKnown(&p, cur, prev, "category_known")
		out = append(out, p)
	}
	return out
}

// knownOf names the column counting the deputies who filled the column a part is counted over.
var knownOf = map[string]string{"非中共党员": "party_known", "少数民族": "ethnicity_known", "工人、农民": "category_known",
	electsum.EducationCollege: "education_known", "连任": "reelected_known"}

// noneKnown makes a part "no figure" in a term where no deputy filled its column (rather than 0 of 0).
func noneKnown(p *Part, cur, prev counts, known string) {
	if k, _ := cur.get(known); k == 0 {
		p.Count.Current, p.Share.Current, p.Base = Value{}, Value{}, Value{}
	}
	if k, _ := prev.get(known); k == 0 {
		p.Count.Previous, p.Share.Previous = Value{}, Value{}
	}
}

// marginFigure is 差额比例: (Σ候选 − Σ应选) / Σ应选 over the 选区 giving both, in percent.
func marginFigure(cur, prev counts) Figure {
	one := func(c counts) Value {
		n, ok1 := c.get("margin_candidates")
		d, ok2 := c.get("margin_seats")
		if c == nil || !ok1 || !ok2 {
			return Value{}
		}
		return ratio(n-d, d)
	}
	return Figure{Current: one(cur), Previous: one(prev)}
}

func constituencies(ctx context.Context, conn querier, s Scope) ([]Constituency, error) {
	out := []Constituency{}
	err := eachRow(ctx, conn, "the 选区", sqlText("congress_constituencies"), electionScopeArgs(s), func(rows *sql.Rows) error {
		var c Constituency
		var body string
		var n [23]sql.NullInt64
		dest := []any{&c.County, &c.Township, &c.Unit, &c.Number, &body}
		for i := range n {
			dest = append(dest, &n[i])
		}
		dest = append(dest, &c.Round)
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		c.Body = Body(body)
		for i, v := range []*Value{&c.Population, &c.Adults, &c.AwayHome, &c.AwayWorkplace, &c.AwayMissing, &c.Incapable,
			&c.Suspended, &c.Deprived, &c.Registered, &c.RegisteredWomen, &c.RegisteredMinor, &c.RegisteredMigr,
			&c.Voted, &c.InPerson, &c.Mobile, &c.Proxy, &c.ValidBallots, &c.InvalidBallots,
			&c.Seats, &c.Candidates, &c.ByParties, &c.ByVoters, &c.Elected} {
			*v = nullValue(n[i])
		}
		c.RegistrationRate = rateOf(c.Registered, c.Adults, 0)
		c.Turnout = rateOf(c.Voted, c.Registered, 0)
		c.Margin = rateOf(c.Candidates, c.Seats, 1)
		c.MobileShare = rateOf(c.Mobile, c.Voted, 0)
		out = append(out, c)
		return nil
	})
	return out, err
}

// rateOf is num/den in percent (ratio), or (num−den)/den when less is 1; no figure unless both are known.
func rateOf(num, den Value, less int) Value {
	if !num.OK || !den.OK {
		return Value{}
	}
	return ratio(num.Int()-less*den.Int(), den.Int())
}

func deputies(ctx context.Context, conn querier, s Scope, unmasked bool) ([]Deputy, error) {
	out := []Deputy{}
	err := eachRow(ctx, conn, "the deputies", sqlText("congress_roster"), electionScopeArgs(s), func(rows *sql.Rows) error {
		var d Deputy
		var body string
		var age, votes sql.NullInt64
		var reelected sql.NullBool
		if err := rows.Scan(&d.County, &d.Township, &d.Unit, &body, &d.Name, &d.Gender, &age, &d.Ethnicity, &d.Party,
			&d.Education, &d.Category, &reelected, &votes, &d.IDNumber); err != nil {
			return err
		}
		d.Body, d.Position = Body(body), string(electsum.Deputy)
		d.Age, d.Votes = nullValue(age), nullValue(votes)
		d.Reelected, d.IDNumber = boolOrNil(reelected), shownID(d.IDNumber, unmasked)
		out = append(out, d)
		return nil
	})
	return out, err
}

func congressChecks(ctx context.Context, conn querier, s Scope) ([]Check, error) {
	return scopeChecks(ctx, conn, "congress_checks", "the people's congress checks", s)
}

// scopeChecks reads the legal-check failures of sql/name.sql (rule, citation, county, township, unit,
// year, body, name, message; a non-empty name is the person the check quotes) in the scope's year;
// what names them in errors.
func scopeChecks(ctx context.Context, conn querier, name, what string, s Scope, lead ...any) ([]Check, error) {
	out := []Check{}
	err := eachRow(ctx, conn, what, sqlText(name), append(lead, electionScopeArgs(s)...), func(rows *sql.Rows) error {
		var c Check
		var body, name string
		if err := rows.Scan(&c.Rule, &c.Citation, &c.County, &c.Township, &c.Unit, &c.Year, &body, &name, &c.Message); err != nil {
			return err
		}
		c.Severity = severityOf(c.Rule)
		c.Body = Body(body)
		if name != "" {
			c.Quoted = []string{name}
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// Kinds lists the kinds of summary the data of the scope's year holds (electsum.Kinds order): a
// county with village and people's congress elections has both.
func Kinds(ctx context.Context, db *sql.DB, scope Scope) ([]electsum.Kind, error) {
	has := map[electsum.Kind]bool{}
	args := []any{scope.Year, scope.County, scope.County, scope.Township, scope.Township, scope.Unit, scope.Unit}
	err := eachRow(ctx, db, fmt.Sprintf("the bodies of %d", scope.Year), sqlText("bodies_of_year"), args, func(rows *sql.Rows) error {
		var b string
		if err := rows.Scan(&b); err != nil {
			return err
		}
		has[Body(b).Kind()] = true
		if Body(b) == CommunityParty {
			has[electsum.Shequdangzuzhi] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []electsum.Kind
	for _, k := range electsum.Kinds() {
		if has[k] {
			out = append(out, k)
		}
	}
	return out, nil
}

package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"electsum"
)

// ErrNoData means the database has no election of the requested scope and year.
var ErrNoData = errors.New("数据库中没有所选范围和年份的选举数据")

// NoDataError says which scope had no data; it matches ErrNoData with errors.Is.
type NoDataError struct{ Scope Scope }

func (e *NoDataError) Error() string {
	return fmt.Sprintf("%s %d 年: %v", describeScope(e.Scope), e.Scope.Year, ErrNoData)
}
func (e *NoDataError) Unwrap() error { return ErrNoData }

// Hint tells the user what to do.
func (e *NoDataError) Hint() string {
	return "先用 electsum ingest 导入该范围的表格，或检查 --year、--county、--township 是否写对"
}

// PageHint is Hint for the web page: its import page and the scope's selectors.
func (e *NoDataError) PageHint() string {
	return "先在“数据导入”页导入该范围的表格，或检查上方所选的本届年份、县(市、区)、乡镇(街道)"
}

// NoCompareDataError is a comparison year (Scope.Compare) with no election in the scope: a draft
// compared with it would print every figure as a change from zero.
type NoCompareDataError struct{ Scope Scope }

func (e *NoCompareDataError) Error() string {
	return fmt.Sprintf("%s没有 %d 年的选举数据，无法与该年对比", describeScope(e.Scope), e.Scope.Compare)
}

// Hint tells the user what to do.
func (e *NoCompareDataError) Hint() string {
	return "检查 --compare 的年份，或去掉 --compare（自动取数据库中更早的最近一届），或先用 electsum ingest 导入该年的表格"
}

// PageHint is Hint for the web page: its 对比年份 selector and import page.
func (e *NoCompareDataError) PageHint() string {
	return "在上方“对比年份”中另选一年或选“自动（上一届）”，或先在“数据导入”页导入该年的表格"
}

func describeScope(s Scope) string {
	var parts []string
	for _, p := range []string{s.County, s.Township, s.Unit} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return "全部数据"
	}
	return strings.Join(parts, " ")
}

// Summarize computes the Summary of scope: every figure of the year with the previous term's value
// beside it, the per-township (or per-unit) breakdown, the per-unit rows, the roster, the legal checks
// and the model's own cross-checks. Scope.Year 0 means the latest year in the database; Scope.Compare 0
// means the latest earlier year with data in the scope (PreviousYear 0 and no previous values when
// there is none). Options left zero take the defaults; invalid ones give a *ConfigError. A scope
// without data this year gives a *NoDataError (errors.Is ErrNoData).
//
// Summarize is the 村(社区)“两委” summary (electsum.Lianwei): the people's congress elections of the scope
// (SummarizeCongress) are left out of every figure, list and check, and out of the choice of the
// previous year, so that neither draft shows the other's figures when a county holds both.
//
// Summarize only reads the base tables (elections, members, data_warnings), so it works on a database
// opened read-only and does not need the views Install creates.
func Summarize(ctx context.Context, db *sql.DB, scope Scope, opts Options) (*Summary, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if scope.Year == 0 {
		years, err := Years(ctx, db)
		if err != nil {
			return nil, err
		}
		if len(years) == 0 {
			return nil, &NoDataError{Scope: scope}
		}
		scope.Year = years[0]
	}
	if scope.Compare >= scope.Year && scope.Compare != 0 {
		return nil, &ConfigError{Field: "compare", Message: fmt.Sprintf("对比年份 %d 应早于本届年份 %d", scope.Compare, scope.Year)}
	}
	conn, err := figureConn(ctx, db, opts)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	prevYear := scope.Compare
	if prevYear == 0 {
		if prevYear, err = previousYear(ctx, conn, scope); err != nil {
			return nil, err
		}
	}
	loadPrev := prevYear
	if loadPrev == 0 {
		loadPrev = -1 // no year matches
	}
	// The queries run in two lanes, on two connections at once: the members' (scope_members and
	// scope_heads, the TEMP tables of the scope on conn) and the elections' (scope_turnout, on conn2).
	// A pool limited to some number of connections gets one: two summaries each holding one and
	// waiting for a second would wait forever.
	conn2, lanes := conn, sequentially
	if db.Stats().MaxOpenConnections == 0 {
		if conn2, err = figureConn(ctx, db, opts); err != nil {
			return nil, err
		}
		defer conn2.Close()
		defer dropScope(conn2)
		lanes = atOnce
	}
	defer dropScope(conn)
	var (
		es     []*electionRow
		ms     []*memberRow
		ws     []*warningRow
		checks []Check
	)
	if err := lanes(func() (err error) {
		if err = scopeMembers(ctx, conn, scope); err != nil {
			return err
		}
		ms, err = loadMembers(ctx, conn, scope, loadPrev)
		return err
	}, func() (err error) {
		if err = scopeTurnout(ctx, conn2, scope, loadPrev); err != nil {
			return err
		}
		if es, err = loadElections(ctx, conn2, scope, loadPrev); err != nil {
			return err
		}
		if ws, err = loadWarnings(ctx, conn2, scope); err != nil {
			return err
		}
		checks, err = loadChecks(ctx, conn2, scope)
		return err
	}); err != nil {
		return nil, err
	}
	es = ofLianwei(es, func(e *electionRow) Body { return e.Body })
	ms = ofLianwei(ms, func(m *memberRow) Body { return m.Body })
	ws = ofLianwei(ws, func(w *warningRow) Body { return w.Body })
	cur, prev := byYear(scope.Year, prevYear, es, ms)
	if len(cur.elections) == 0 && len(cur.members) == 0 {
		return nil, &NoDataError{Scope: scope}
	}
	if scope.Compare != 0 && len(prev.elections) == 0 && len(prev.members) == 0 {
		return nil, &NoCompareDataError{Scope: scope}
	}
	sortData(cur)
	sortData(prev)
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}

	s := &Summary{
		Scope:        scope,
		Year:         scope.Year,
		PreviousYear: prevYear,
		GeneratedAt:  now(),
	}
	s.Counties = counties(cur)
	s.Level = level(scope, s.Counties)
	// Both lanes fill figures at once: safe because each writes maps of its own (the members' lane
	// structures, two and changed; the elections' lane elections).
	figures, parts := newFigureLevels(), partLevel(s.Level)
	if err := lanes(func() error {
		if err := scopeHeads(ctx, conn, scope, loadPrev); err != nil {
			return err
		}
		return loadMemberFigures(ctx, conn, scope, loadPrev, parts, &figures)
	}, func() error {
		return loadElectionFigures(ctx, conn2, scope, loadPrev, parts, opts, &figures)
	}); err != nil {
		return nil, err
	}
	cur.figures, prev.figures = figures.whole.of(unitKey{}, scope.Year), figures.whole.of(unitKey{}, prevYear)
	curUnits, prevUnits := units(cur), units(prev)
	s.Units = Figure{Current: count(len(curUnits))}
	curTownships := townships(curUnits)
	s.Townships = Figure{Current: count(len(curTownships))}
	s.Subdistricts = count(subdistricts(curTownships))
	if prevYear != 0 {
		s.Units.Previous = count(len(prevUnits))
		s.Townships.Previous = count(len(townships(prevUnits)))
	}
	s.FirstDate, s.LastDate = dateRange(cur.elections)
	// The parts' summaries only read the rows and figures, as the whole scope's do: they are made
	// at the same time (the lanes' queries are done, so the second core is free).
	partsDone := make(chan []Breakdown, 1)
	go func(l Level) { partsDone <- breakdown(l, cur, prev, figures.parts, opts) }(s.Level)
	gaps := termGaps(cur, prev)
	s.Bodies = bodySummaries(cur, prev, gaps, opts)
	s.TwoCommittees = twoCommittees(cur, prev, gaps, opts)
	s.Elections = electionRows(cur.elections)
	s.Roster = roster(cur.members, opts.Unmasked)
	s.Breakdown = <-partsDone
	s.OnlyCurrent, s.OnlyPrevious = []UnitRef{}, []UnitRef{}
	if prevYear != 0 {
		s.OnlyCurrent = difference(curUnits, prevUnits)
		s.OnlyPrevious = difference(prevUnits, curUnits)
	}
	checks = ofLianwei(checks, func(c Check) Body { return c.Body })
	s.Checks = append(append([]Check{}, checks...), warningChecks(ws)...)
	crossChecks := inconsistencies(s, opts) // first: it drops figures that cannot be right
	s.Findings = append(append(Findings(s, opts), crossChecks...), termCoverage(s)...)
	return s, nil
}

// termCoverage notes, for the drafter, the units of one term only: every comparison with the
// previous term sums each term's own units, which is right for merged or new villages and misleading
// when a term's sheets are not all loaded — the drafter has to know which. It also names, per body,
// the units that elected people and sent no roster of them (this term; the previous term's counted),
// for whose sake the members' figures are not compared.
func termCoverage(s *Summary) []Finding {
	var out []Finding
	for _, c := range []struct {
		kind  string
		units []UnitRef
	}{{FindingOnlyCurrent, s.OnlyCurrent}, {FindingOnlyPrevious, s.OnlyPrevious}} {
		if len(c.units) == 0 {
			continue
		}
		f := Finding{Section: SectionDataCheck, Kind: c.kind}
		for _, u := range c.units {
			f.Units = append(f.Units, Named{UnitRef: u})
		}
		out = append(out, f)
	}
	for _, b := range s.Bodies {
		out = append(out, townshipsOneTerm(b.Body, b.TownshipsOnlyCurrent, b.TownshipsOnlyPrevious)...)
	}
	for _, b := range s.Bodies {
		if len(b.Unrostered) == 0 && b.UnrosteredPrevious.V == 0 {
			continue
		}
		f := Finding{Section: SectionDataCheck, Kind: FindingRosterGaps, Body: b.Body, Value: b.UnrosteredPrevious, Figure: b.Rostered}
		for _, u := range b.Unrostered {
			f.Units = append(f.Units, Named{UnitRef: u})
		}
		out = append(out, f)
	}
	return out
}

// byYear splits the rows into those of year and of prevYear (every row is of one of them).
func byYear(year, prevYear int, es []*electionRow, ms []*memberRow) (cur, prev data) {
	cur, prev = data{year: year}, data{year: prevYear}
	for _, e := range es {
		if e.Year == year {
			cur.elections = append(cur.elections, e)
		} else {
			prev.elections = append(prev.elections, e)
		}
	}
	for _, m := range ms {
		if m.Year == year {
			cur.members = append(cur.members, m)
		} else {
			prev.members = append(prev.members, m)
		}
	}
	return cur, prev
}

// atOnce runs a and b at once and returns the error of a, else that of b.
func atOnce(a, b func() error) error {
	errs := make(chan error, 1)
	go func() { errs <- b() }()
	errA, errB := a(), <-errs
	if errA != nil {
		return errA
	}
	return errB
}

// sequentially runs a, then b if a succeeded.
func sequentially(a, b func() error) error {
	if err := a(); err != nil {
		return err
	}
	return b()
}

// ofLianwei keeps the rows of the 村(社区)“两委” summary's bodies (electsum.Lianwei), in order.
func ofLianwei[T any](rows []T, body func(T) Body) []T {
	out := make([]T, 0, len(rows))
	for _, r := range rows {
		if body(r).Kind() == electsum.Lianwei {
			out = append(out, r)
		}
	}
	return out
}

// sortData orders rows by county, township, unit, body (in report order), then position and name, so
// that every list in the Summary comes out in the same order.
func sortData(d data) {
	sort.SliceStable(d.elections, func(i, j int) bool {
		a, b := d.elections[i], d.elections[j]
		if a.unitKey != b.unitKey {
			return lessUnit(a.unitKey, b.unitKey)
		}
		return a.Body.Rank() < b.Body.Rank()
	})
	sort.SliceStable(d.members, func(i, j int) bool {
		a, b := d.members[i], d.members[j]
		if a.unitKey != b.unitKey {
			return lessUnit(a.unitKey, b.unitKey)
		}
		if a.Body != b.Body {
			return a.Body.Rank() < b.Body.Rank()
		}
		if ra, rb := rankOf(positionOrder, a.Position), rankOf(positionOrder, b.Position); ra != rb {
			return ra < rb
		}
		return a.Name < b.Name
	})
}

func lessUnit(a, b unitKey) bool {
	if a.County != b.County {
		return a.County < b.County
	}
	if a.Township != b.Township {
		return a.Township < b.Township
	}
	return a.Unit < b.Unit
}

// level is how wide the scope reaches. Without a county named, a database holding one county is
// summarised at county level.
func level(s Scope, counties []string) Level {
	switch {
	case s.Unit != "":
		return LevelUnit
	case s.Township != "":
		return LevelTownship
	case s.County != "" || len(counties) == 1:
		return LevelCounty
	}
	return LevelAll
}

func counties(d data) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, u := range units(d) {
		if !seen[u.County] {
			seen[u.County] = true
			out = append(out, u.County)
		}
	}
	sort.Strings(out)
	return out
}

// units lists the units with any row, in order.
func units(d data) []unitKey {
	seen := map[unitKey]bool{}
	var out []unitKey
	for _, e := range d.elections {
		if !seen[e.unitKey] {
			seen[e.unitKey] = true
			out = append(out, e.unitKey)
		}
	}
	for _, m := range d.members {
		if !seen[m.unitKey] {
			seen[m.unitKey] = true
			out = append(out, m.unitKey)
		}
	}
	sort.Slice(out, func(i, j int) bool { return lessUnit(out[i], out[j]) })
	return out
}

func townships(us []unitKey) map[[2]string]bool {
	out := map[[2]string]bool{}
	for _, u := range us {
		out[[2]string{u.County, u.Township}] = true
	}
	return out
}

func subdistricts(townships map[[2]string]bool) int {
	n := 0
	for t := range townships {
		if electsum.Subdistrict(t[1]) {
			n++
		}
	}
	return n
}

func difference(a, b []unitKey) []UnitRef {
	in := map[unitKey]bool{}
	for _, u := range b {
		in[u] = true
	}
	out := []UnitRef{}
	for _, u := range a {
		if !in[u] {
			out = append(out, u.ref())
		}
	}
	return out
}

func dateRange(es []*electionRow) (first, last string) {
	for _, e := range es {
		if e.Date == "" {
			continue
		}
		if first == "" || e.Date < first {
			first = e.Date
		}
		if e.Date > last {
			last = e.Date
		}
	}
	return first, last
}

// breakdown splits the scope one level down — townships of a county, units of a township, counties of
// everything — and summarises each part like the whole. A unit-level summary has no breakdown.
func breakdown(l Level, cur, prev data, figures figureTables, opts Options) []Breakdown {
	var key func(unitKey) unitKey
	switch l {
	case LevelAll:
		key = func(u unitKey) unitKey { return unitKey{County: u.County} }
	case LevelCounty:
		key = func(u unitKey) unitKey { return unitKey{County: u.County, Township: u.Township} }
	case LevelTownship:
		key = func(u unitKey) unitKey { return u }
	default:
		return []Breakdown{}
	}
	split := func(d data, year int) (map[unitKey]*data, []unitKey) {
		by := map[unitKey]*data{}
		var order []unitKey
		get := func(k unitKey) *data {
			if by[k] == nil {
				by[k] = &data{figures: figures.of(k, year)}
				order = append(order, k)
			}
			return by[k]
		}
		for _, e := range d.elections {
			p := get(key(e.unitKey))
			p.elections = append(p.elections, e)
		}
		for _, m := range d.members {
			p := get(key(m.unitKey))
			p.members = append(p.members, m)
		}
		sort.Slice(order, func(i, j int) bool { return lessUnit(order[i], order[j]) })
		return by, order
	}
	curBy, order := split(cur, cur.year)
	prevBy, _ := split(prev, prev.year)
	out := make([]Breakdown, 0, len(order))
	for _, k := range order {
		p := data{}
		if prevBy[k] != nil {
			p = *prevBy[k]
		}
		name := k.Unit
		switch l {
		case LevelAll:
			name = k.County
		case LevelCounty:
			name = k.Township
		}
		gaps := termGaps(*curBy[k], p)
		out = append(out, Breakdown{
			Name:          name,
			UnitRef:       k.ref(),
			Bodies:        bodySummaries(*curBy[k], p, gaps, opts),
			TwoCommittees: twoCommittees(*curBy[k], p, gaps, opts),
		})
	}
	return out
}

func nullValue(n sql.NullInt64) Value {
	if !n.Valid {
		return Value{}
	}
	return count(int(n.Int64))
}

func electionRows(es []*electionRow) []ElectionRow {
	out := make([]ElectionRow, 0, len(es))
	for _, e := range es {
		r := ElectionRow{
			UnitRef: e.ref(), Body: e.Body, Method: e.Method, ByRepresentatives: e.Representatives, Date: e.Date,
			Registered: nullValue(e.Registered), Voted: nullValue(e.Voted),
			ProxyVotes: nullValue(e.Proxy), MobileVotes: nullValue(e.Mobile),
			ValidBallots: nullValue(e.Valid), InvalidBallots: nullValue(e.Invalid),
			Seats: nullValue(e.Seats), Candidates: nullValue(e.Candidates), Elected: nullValue(e.Elected),
		}
		r.Turnout, r.Margin = rounded(e.Turnout), rounded(e.Margin)
		if e.FirstRound.Valid {
			b := e.FirstRound.Bool
			r.FirstRound = &b
		}
		out = append(out, r)
	}
	return out
}

func roster(ms []*memberRow, unmasked bool) []Member {
	out := make([]Member, 0, len(ms))
	for _, m := range ms {
		x := Member{
			UnitRef: m.ref(), Body: m.Body, Position: m.Position, Name: m.Name, Gender: m.Gender,
			Age: nullValue(m.Age), Ethnicity: m.Ethnicity, Party: m.Party, Education: m.Education, IDNumber: m.IDNumber,
		}
		if !unmasked && x.IDNumber != "" {
			x.IDNumber = electsum.MaskID(x.IDNumber)
		}
		if m.Reelected.Valid {
			b := m.Reelected.Bool
			x.Reelected = &b
		}
		out = append(out, x)
	}
	return out
}

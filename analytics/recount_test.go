package analytics_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"electsum"
	"electsum/analytics"
	"electsum/ingest"
	"electsum/ingest/synth"
)

// TestEveryFigureEqualsRecount generates counties with random options (age bands, education groups,
// rounding — half up or largest remainder —, turnout threshold), some with optional columns left
// blank and some with one year only, and checks every figure of the county model and of each
// township in its breakdown — this term's and the previous term's — against a recount in Go over the
// rows of the database's tables. The recount shares nothing with analytics but the person rules of
// package electsum (age at election, the identity rule, which position heads a body): it sums,
// counts, rounds (in integers) and distributes (largest remainder in integers) on its own.
func TestEveryFigureEqualsRecount(t *testing.T) {
	for seed := int64(1); seed <= 4; seed++ {
		rng := rand.New(rand.NewSource(seed))
		cfg := synth.County()
		cfg.Seed = seed * 7
		cfg.TownshipsPerCounty = 3
		cfg.UnitsPerTownship = 5
		cfg.Messy = false
		w := synth.Generate(cfg)
		oneYear := seed == 3
		blank := seed%2 == 0
		prepareWorld(w, rng, oneYear, blank)
		opts := randomOptions(rng)
		if seed%2 == 1 {
			opts.Rounding = analytics.LargestRemainder // both policies in every run, whatever the draw
		}
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			t.Logf("options: %d age bands %v, %d education groups, rounding %s, threshold %.1f; one year %v, blanks %v",
				len(opts.AgeBands), opts.AgeBands, len(opts.EducationBuckets), opts.Rounding, opts.TurnoutThreshold, oneYear, blank)
			db := loadWorld(t, w, filepath.Join(t.TempDir(), "electsum.duckdb"))
			defer db.Close()
			county := w.Counties[0]
			s := summarize(t, db, analytics.Scope{County: county, Year: 2024}, opts)
			wantPrev := 2021
			if oneYear {
				wantPrev = 0
			}
			if s.PreviousYear != wantPrev {
				t.Fatalf("previous year %d, want %d", s.PreviousYear, wantPrev)
			}
			rc := readRecount(t, db, opts)
			inCounty := func(township string) bool { return true }
			rc.compareScope(t, "county", s.Bodies, s.TwoCommittees, inCounty, s.PreviousYear)
			if len(s.Breakdown) != 3 {
				t.Errorf("breakdown has %d townships, want 3", len(s.Breakdown))
			}
			for _, b := range s.Breakdown {
				name := b.Township
				rc.compareScope(t, name, b.Bodies, b.TwoCommittees, func(township string) bool { return township == name }, s.PreviousYear)
			}
		})
	}
}

// prepareWorld drops the previous term (oneYear) and blanks optional columns of some rows (blank):
// 政治面貌, 民族, 学历, 是否连任, the birth date (leaving the age written), 委托投票 and 流动票箱.
func prepareWorld(w *synth.World, rng *rand.Rand, oneYear, blank bool) {
	for _, t := range w.Townships {
		if oneYear {
			t.Results = slices.DeleteFunc(t.Results, func(r ingest.Result) bool { return r.Year != 2024 })
			t.Members = slices.DeleteFunc(t.Members, func(m ingest.Member) bool { return m.Year != 2024 })
		}
		if !blank {
			continue
		}
		for i := range t.Members {
			m := &t.Members[i]
			switch rng.Intn(8) {
			case 0:
				m.Party = ""
			case 1:
				m.Ethnicity = ""
			case 2:
				m.Education = ""
			case 3:
				m.Reelected = nil
			case 4:
				if m.Birth != nil && m.IDNumber == "" {
					age := electsum.AgeAt(*m.Birth, time.Date(m.Year, 12, 31, 0, 0, 0, 0, time.UTC))
					m.Birth, m.Age = nil, &age
				}
			}
		}
		for i := range t.Results {
			r := &t.Results[i]
			switch rng.Intn(4) {
			case 0:
				r.ProxyVotes = nil
			case 1:
				r.MobileVotes = nil
			}
		}
	}
}

// randomOptions gives age bands cut at random ages, the canonical 学历 shuffled into random groups, a
// random rounding policy and a random threshold with one decimal.
func randomOptions(rng *rand.Rand) analytics.Options {
	var o analytics.Options
	cuts := map[int]bool{}
	for n := 1 + rng.Intn(5); len(cuts) < n; {
		cuts[25+rng.Intn(45)] = true
	}
	var ends []int
	for c := range cuts {
		ends = append(ends, c)
	}
	sort.Ints(ends)
	low := []int{0, 18}[rng.Intn(2)]
	for i, end := range ends {
		o.AgeBands = append(o.AgeBands, analytics.AgeBand{Label: fmt.Sprintf("第%d段", i+1), Min: low, Max: end})
		low = end + 1
	}
	o.AgeBands = append(o.AgeBands, analytics.AgeBand{Label: fmt.Sprintf("第%d段", len(ends)+1), Min: low})
	eds := electsum.Educations()
	rng.Shuffle(len(eds), func(i, j int) { eds[i], eds[j] = eds[j], eds[i] })
	groups := 1 + rng.Intn(4)
	for i := 0; i < groups; i++ {
		o.EducationBuckets = append(o.EducationBuckets, analytics.EducationBucket{Label: fmt.Sprintf("学历组%d", i+1)})
	}
	for i, e := range eds {
		g := i
		if i >= groups {
			g = rng.Intn(groups)
		}
		o.EducationBuckets[g].Values = append(o.EducationBuckets[g].Values, e)
	}
	o.Rounding = []analytics.Rounding{analytics.HalfUp, analytics.LargestRemainder}[rng.Intn(2)]
	o.TurnoutThreshold = float64(800+rng.Intn(200)) / 10
	return o
}

type recountElection struct {
	township, unit, body, method                                        string
	year                                                                int
	registered, voted, proxy, mobile, valid, invalid, seats, cands, won sql.NullInt64
	date                                                                sql.NullTime
	firstRound                                                          sql.NullBool
}

type recountMember struct {
	township, unit, body, name, position, gender string
	ethnicity, party, education, category        string
	year                                         int
	reelected, wealth, graduate                  sql.NullBool
	person                                       electsum.Person
	age                                          int
	ageKnown                                     bool
}

// recount holds the rows of the database's tables, read with plain SELECTs, and the options.
type recount struct {
	opts      analytics.Options
	elections []recountElection
	members   []recountMember
}

func readRecount(t *testing.T, db *sql.DB, opts analytics.Options) *recount {
	t.Helper()
	ctx := context.Background()
	rc := &recount{opts: opts}
	rows, err := db.QueryContext(ctx, `SELECT township, unit, body, coalesce(method, ''), year, registered, voted,
		proxy_votes, mobile_votes, valid_ballots, invalid_ballots, seats, candidates, elected, election_date, first_round FROM elections`)
	if err != nil {
		t.Fatal(err)
	}
	dates := map[string]time.Time{}
	for rows.Next() {
		var e recountElection
		if err := rows.Scan(&e.township, &e.unit, &e.body, &e.method, &e.year, &e.registered, &e.voted, &e.proxy, &e.mobile,
			&e.valid, &e.invalid, &e.seats, &e.cands, &e.won, &e.date, &e.firstRound); err != nil {
			t.Fatal(err)
		}
		rc.elections = append(rc.elections, e)
		if e.date.Valid {
			dates[fmt.Sprint(e.township, e.unit, e.year, e.body)] = e.date.Time
		}
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, `SELECT township, unit, body, name, position, gender, coalesce(ethnicity, ''),
		coalesce(party, ''), coalesce(education, ''), coalesce(category, ''), year, reelected, wealth_leader,
		graduate_official, coalesce(id_number, ''), birth, age FROM members`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var m recountMember
		var birth sql.NullTime
		var age sql.NullInt64
		if err := rows.Scan(&m.township, &m.unit, &m.body, &m.name, &m.position, &m.gender, &m.ethnicity, &m.party,
			&m.education, &m.category, &m.year, &m.reelected, &m.wealth, &m.graduate, &m.person.IDNumber, &birth, &age); err != nil {
			t.Fatal(err)
		}
		m.person.Name = m.name
		if birth.Valid {
			m.person.Birth = birth.Time
		}
		m.person.Age = int(age.Int64)
		m.person.Election = electsum.ElectionDate(m.year, dates[fmt.Sprint(m.township, m.unit, m.year, m.body)])
		m.age, m.ageKnown = m.person.AgeAtElection()
		rc.members = append(rc.members, m)
	}
	rows.Close()
	return rc
}

// halfUp is 100 × part ÷ whole rounded half up to one decimal, in integers; no figure when whole is 0.
func halfUp(part, whole int64) analytics.Value {
	if whole <= 0 {
		return analytics.Value{}
	}
	return analytics.Known(float64((2000*part+whole)/(2*whole)) / 10)
}

// largestRemainder gives each count its share in tenths of a percent: the floors, then one more tenth
// to each of the largest remainders (ties to the earlier) until they total 1000.
func largestRemainder(counts []int64, whole int64) []analytics.Value {
	out := make([]analytics.Value, len(counts))
	tenths, rems := make([]int64, len(counts)), make([]int64, len(counts))
	var given int64
	for i, c := range counts {
		tenths[i], rems[i] = 1000*c/whole, 1000*c%whole
		given += tenths[i]
	}
	order := make([]int, len(counts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rems[order[a]] > rems[order[b]] })
	for k := 0; given < 1000; k++ {
		tenths[order[k]]++
		given++
	}
	for i := range out {
		out[i] = analytics.Known(float64(tenths[i]) / 10)
	}
	return out
}

// shares is how the model turns a distribution into shares: largest remainder when asked and the
// counts partition the whole, else half up.
func (rc *recount) shares(counts []int64, whole int64) []analytics.Value {
	var sum int64
	for _, c := range counts {
		sum += c
	}
	if rc.opts.Rounding == analytics.LargestRemainder && whole > 0 && sum == whole {
		return largestRemainder(counts, whole)
	}
	out := make([]analytics.Value, len(counts))
	for i, c := range counts {
		out[i] = halfUp(c, whole)
	}
	return out
}

// compareScope checks the bodies and 两委 of a scope (the townships in) for this year and, when
// prevYear is not 0, the previous term's values beside them.
func (rc *recount) compareScope(t *testing.T, where string, bodies []analytics.BodySummary, two []analytics.TwoCommittees, in func(string) bool, prevYear int) {
	t.Helper()
	years := []int{2024}
	if prevYear != 0 {
		years = append(years, prevYear)
	}
	var seen []string
	for _, e := range rc.elections {
		if e.year == 2024 && in(e.township) && !slices.Contains(seen, e.body) {
			seen = append(seen, e.body)
		}
	}
	if len(bodies) != len(seen) {
		t.Errorf("%s: %d bodies, recount %d (%v)", where, len(bodies), len(seen), seen)
	}
	for _, b := range bodies {
		for i, year := range years {
			pick := termOf(i)
			at := fmt.Sprintf("%s %s %d", where, b.Body, year)
			rc.compareParticipation(t, at, b, year, in, pick, i == 0)
			members := rc.people(year, string(b.Body), in, func(recountMember) bool { return true })
			rc.compareStructure(t, at+" members", b.Members, members, pick, true)
			heads := rc.people(year, string(b.Body), in, func(m recountMember) bool {
				return b.Body.IsHead(electsum.Position(m.position))
			})
			same(t, at+" heads", pick(b.Heads.Total), analytics.Known(float64(len(heads))))
		}
		if prevYear == 0 {
			for name, f := range map[string]analytics.Figure{"members": b.Members.Total, "turnout": b.Participation.Turnout,
				"registered": b.Participation.Registered, "women share": b.Members.Women.Share, "heads": b.Heads.Total} {
				if f.Previous.OK {
					t.Errorf("%s %s: %s has a previous value %v without a previous term", where, b.Body, name, f.Previous.V)
				}
			}
		}
	}
	for _, tc := range two {
		for i, year := range years {
			pick := termOf(i)
			rc.compareTwo(t, fmt.Sprintf("%s %s两委 %d", where, tc.Kind, year), tc, year, in, pick)
		}
	}
}

// termOf reads a figure's current value (i = 0) or its previous term's.
func termOf(i int) func(analytics.Figure) analytics.Value {
	return func(f analytics.Figure) analytics.Value {
		if i == 0 {
			return f.Current
		}
		return f.Previous
	}
}

func (rc *recount) people(year int, body string, in func(string) bool, keep func(recountMember) bool) []recountMember {
	var out []recountMember
	for _, m := range rc.members {
		if m.year == year && m.body == body && in(m.township) && keep(m) {
			out = append(out, m)
		}
	}
	return out
}

func same(t *testing.T, what string, got, want analytics.Value) {
	t.Helper()
	if got.OK != want.OK || (want.OK && got.V != want.V) {
		t.Errorf("%s = %v (ok %v), recount %v (ok %v)", what, got.V, got.OK, want.V, want.OK)
	}
}

func sum(ok *bool, n sql.NullInt64) int64 {
	if n.Valid {
		*ok = true
	}
	return n.Int64
}

func known(n int64, ok bool) analytics.Value {
	if !ok {
		return analytics.Value{}
	}
	return analytics.Known(float64(n))
}

func (rc *recount) compareParticipation(t *testing.T, at string, b analytics.BodySummary, year int, in func(string) bool,
	pick func(analytics.Figure) analytics.Value, current bool) {
	t.Helper()
	var units, full, rated, tVoted, tRegistered, proxyVoted, mobileVoted int64
	// A 村务监督委员会 chosen by its 村民代表会议 counts apart: its 应到/实到村民代表 are no voters.
	var reps, repDue, repPresent, repFull int64
	var registered, voted, proxy, mobile, valid, invalid, seats, cands, won int64
	var okReg, okVoted, okProxy, okMobile, okValid, okInvalid, okSeats, okCands, okWon bool
	var below []string
	var contested, cSeats, cCands, firstRound, firstKnown int64
	methods := map[string]int64{}
	var rates []unitTurnout
	for _, e := range rc.elections {
		if e.year != year || e.body != string(b.Body) || !in(e.township) {
			continue
		}
		units++
		if e.method != "" {
			methods[e.method]++
		}
		// 有候选人选举: seats and candidates given, and a 选举方式 without 无候选人/海选.
		if e.seats.Int64 > 0 && e.cands.Int64 > 0 && !strings.Contains(e.method, "无候选人") && !strings.Contains(e.method, "海选") {
			contested++
			cSeats += e.seats.Int64
			cCands += e.cands.Int64
		}
		// 一次选举成功 as answered, never where the quorum failed (村民委员会: more than half voted;
		// party bodies: more than 4/5 attended).
		byReps := b.Body == analytics.SupervisoryCommittee && e.method == "村民代表会议推选"
		if e.firstRound.Valid {
			firstKnown++
			quorumFailed := false
			if e.registered.Int64 > 0 && e.voted.Valid {
				switch {
				case byReps: // at least two thirds of the representatives
					quorumFailed = 3*e.voted.Int64 < 2*e.registered.Int64
				case b.Body == analytics.VillagersCommittee:
					quorumFailed = 2*e.voted.Int64 <= e.registered.Int64
				case b.Body.Party():
					quorumFailed = 5*e.voted.Int64 <= 4*e.registered.Int64
				}
			}
			if e.firstRound.Bool && !quorumFailed {
				firstRound++
			}
		}
		if byReps {
			reps++
			repDue += e.registered.Int64
			repPresent += e.voted.Int64
			if e.registered.Int64 > 0 && e.voted.Int64 == e.registered.Int64 {
				repFull++
			}
		}
		if e.registered.Int64 > 0 && e.voted.Valid && !byReps {
			rates = append(rates, unitTurnout{e.township + "/" + e.unit, e.voted.Int64, e.registered.Int64})
		}
		if !byReps {
			registered += sum(&okReg, e.registered)
			voted += sum(&okVoted, e.voted)
		}
		proxy += sum(&okProxy, e.proxy)
		mobile += sum(&okMobile, e.mobile)
		valid += sum(&okValid, e.valid)
		invalid += sum(&okInvalid, e.invalid)
		seats += sum(&okSeats, e.seats)
		cands += sum(&okCands, e.cands)
		won += sum(&okWon, e.won)
		if e.registered.Valid && e.voted.Valid && !byReps {
			tVoted += e.voted.Int64
			tRegistered += e.registered.Int64
		}
		if e.proxy.Valid && e.voted.Valid {
			proxyVoted += e.voted.Int64
		}
		if e.mobile.Valid && e.voted.Valid {
			mobileVoted += e.voted.Int64
		}
		if e.registered.Valid && e.registered.Int64 > 0 && e.voted.Valid && !byReps {
			rated++
			if e.voted.Int64 == e.registered.Int64 {
				full++
			}
			// voted/registered < threshold/100, in integers (the threshold has one decimal).
			if 1000*e.voted.Int64 < int64(rc.opts.TurnoutThreshold*10+0.5)*e.registered.Int64 {
				below = append(below, e.township+"/"+e.unit)
			}
		}
	}
	p := b.Participation
	same(t, at+" units", pick(p.Units), analytics.Known(float64(units)))
	same(t, at+" registered", pick(p.Registered), known(registered, okReg))
	same(t, at+" voted", pick(p.Voted), known(voted, okVoted))
	same(t, at+" turnout", pick(p.Turnout), halfUp(tVoted, tRegistered))
	same(t, at+" proxy votes", pick(p.ProxyVotes.Count), known(proxy, okProxy))
	same(t, at+" proxy share", pick(p.ProxyVotes.Share), halfUp(proxy, proxyVoted))
	same(t, at+" mobile votes", pick(p.MobileVotes.Count), known(mobile, okMobile))
	same(t, at+" mobile share", pick(p.MobileVotes.Share), halfUp(mobile, mobileVoted))
	same(t, at+" valid ballots", pick(p.ValidBallots), known(valid, okValid))
	same(t, at+" invalid ballots", pick(p.InvalidBallots), known(invalid, okInvalid))
	same(t, at+" seats", pick(b.Seats.Seats), known(seats, okSeats))
	same(t, at+" candidates", pick(b.Seats.Candidates), known(cands, okCands))
	same(t, at+" elected", pick(b.Seats.Elected), known(won, okWon))
	if rated > 0 {
		same(t, at+" full turnout", pick(p.FullTurnout), analytics.Known(float64(full)))
	} else {
		same(t, at+" full turnout", pick(p.FullTurnout), analytics.Value{})
	}
	if r := p.Representatives; reps > 0 {
		same(t, at+" 村民代表会议", pick(r.Units), analytics.Known(float64(reps)))
		same(t, at+" 应到村民代表", pick(r.Due), analytics.Known(float64(repDue)))
		same(t, at+" 实到村民代表", pick(r.Present), analytics.Known(float64(repPresent)))
		same(t, at+" 村民代表到会率", pick(r.Rate), halfUp(repPresent, repDue))
		same(t, at+" 村民代表全部到会", pick(r.Full), analytics.Known(float64(repFull)))
		same(t, at+" 村民会议等", pick(r.Voters), analytics.Known(float64(units-reps)))
	} else {
		same(t, at+" 村民代表会议", pick(r.Units), analytics.Value{})
	}
	s := b.Seats
	if contested > 0 {
		same(t, at+" contested units", pick(s.ContestedUnits), analytics.Known(float64(contested)))
		same(t, at+" contested seats", pick(s.ContestedSeats), analytics.Known(float64(cSeats)))
		same(t, at+" contested candidates", pick(s.ContestedCandidates), analytics.Known(float64(cCands)))
	} else {
		same(t, at+" contested units", pick(s.ContestedUnits), analytics.Value{})
	}
	same(t, at+" margin", pick(s.Margin), halfUp(cCands-cSeats, cSeats))
	if firstKnown > 0 {
		samePart(t, at+" first round", s.FirstRound, pick, firstRound, firstKnown)
	} else {
		same(t, at+" first round", pick(s.FirstRound.Count), analytics.Value{})
	}
	if current {
		// 选举方式: units per method, as shares of the units that named one.
		var labels []string
		var counts []int64
		var named int64
		for _, m := range b.Methods {
			labels = append(labels, m.Label)
			counts = append(counts, methods[m.Label])
			named += methods[m.Label]
		}
		// A method used only in the other term is listed at 0.
		for m := range methods {
			if !slices.Contains(labels, m) {
				t.Errorf("%s methods %v leave out %s, recount %v", at, labels, m, methods)
			}
		}
		if named > 0 {
			rc.compareDistribution(t, at+" methods", b.Methods, pick, labels, counts, named)
		}
		lowest, highest := extremes(rates)
		for name, c := range map[string][2][]string{"lowest": {unitNames(p.Lowest), lowest}, "highest": {unitNames(p.Highest), highest}} {
			if !slices.Equal(c[0], c[1]) {
				t.Errorf("%s %s turnout %v, recount %v", at, name, c[0], c[1])
			}
		}
		for _, u := range append(append([]analytics.UnitRate{}, p.Lowest...), p.Highest...) {
			for _, r := range rates {
				if r.unit == u.Township+"/"+u.Unit {
					same(t, at+" "+r.unit+" turnout", analytics.Known(u.Turnout), halfUp(r.voted, r.registered))
				}
			}
		}
		var got []string
		for _, u := range p.BelowThreshold {
			got = append(got, u.Township+"/"+u.Unit)
		}
		sort.Strings(got)
		sort.Strings(below)
		if !slices.Equal(got, below) {
			t.Errorf("%s below %.1f: %v, recount %v", at, rc.opts.TurnoutThreshold, got, below)
		}
		if p.Threshold != rc.opts.TurnoutThreshold {
			t.Errorf("%s threshold %v, want %v", at, p.Threshold, rc.opts.TurnoutThreshold)
		}
	}
}

type unitTurnout struct {
	unit              string
	voted, registered int64
}

// extremes are the units at the lowest and at the highest turnout (all of them on ties), compared as
// fractions in integers, each list sorted.
func extremes(rates []unitTurnout) (lowest, highest []string) {
	less := func(a, b unitTurnout) int64 { return a.voted*b.registered - b.voted*a.registered }
	for i, r := range rates {
		switch {
		case i == 0 || less(r, rates[slices.IndexFunc(rates, func(x unitTurnout) bool { return x.unit == lowest[0] })]) < 0:
			lowest = []string{r.unit}
		case less(r, rates[slices.IndexFunc(rates, func(x unitTurnout) bool { return x.unit == lowest[0] })]) == 0:
			lowest = append(lowest, r.unit)
		}
		switch {
		case i == 0 || less(r, rates[slices.IndexFunc(rates, func(x unitTurnout) bool { return x.unit == highest[0] })]) > 0:
			highest = []string{r.unit}
		case less(r, rates[slices.IndexFunc(rates, func(x unitTurnout) bool { return x.unit == highest[0] })]) == 0:
			highest = append(highest, r.unit)
		}
	}
	sort.Strings(lowest)
	sort.Strings(highest)
	return lowest, highest
}

func unitNames(us []analytics.UnitRate) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.Township+"/"+u.Unit)
	}
	sort.Strings(out)
	return out
}

// optional counts the people with a value (known) and those for whom is holds.
func optional(people []recountMember, has func(recountMember) bool, is func(recountMember) bool) (n, known int64) {
	for _, m := range people {
		if has(m) {
			known++
			if is(m) {
				n++
			}
		}
	}
	return n, known
}

func samePart(t *testing.T, what string, got analytics.Part, pick func(analytics.Figure) analytics.Value, n, whole int64) {
	t.Helper()
	if whole == 0 {
		same(t, what+" share", pick(got.Share), analytics.Value{})
		return
	}
	same(t, what, pick(got.Count), analytics.Known(float64(n)))
	same(t, what+" share", pick(got.Share), halfUp(n, whole))
}

func (rc *recount) compareStructure(t *testing.T, at string, st analytics.Structure, people []recountMember,
	pick func(analytics.Figure) analytics.Value, positions bool) {
	t.Helper()
	total := int64(len(people))
	same(t, at+" total", pick(st.Total), analytics.Known(float64(total)))
	always := func(recountMember) bool { return true }
	n, k := optional(people, always, func(m recountMember) bool { return m.gender == "女" })
	samePart(t, at+" women", st.Women, pick, n, k)
	n, k = optional(people, func(m recountMember) bool { return m.party != "" },
		func(m recountMember) bool { return m.party == "中共党员" || m.party == "中共预备党员" })
	samePart(t, at+" party members", st.PartyMembers, pick, n, k)
	n, k = optional(people, func(m recountMember) bool { return m.ethnicity != "" }, func(m recountMember) bool { return m.ethnicity != "汉族" })
	samePart(t, at+" minorities", st.Minorities, pick, n, k)
	n, k = optional(people, func(m recountMember) bool { return m.reelected.Valid }, func(m recountMember) bool { return m.reelected.Bool })
	samePart(t, at+" reelected", st.Reelected, pick, n, k)
	samePart(t, at+" new", st.New, pick, k-n, k)
	n, k = optional(people, func(m recountMember) bool { return m.wealth.Valid }, func(m recountMember) bool { return m.wealth.Bool })
	samePart(t, at+" wealth leaders", st.WealthLeaders, pick, n, k)
	n, k = optional(people, func(m recountMember) bool { return m.graduate.Valid }, func(m recountMember) bool { return m.graduate.Bool })
	samePart(t, at+" graduate officials", st.GraduateOfficials, pick, n, k)

	// Age bands and the average age, over the people whose age is known.
	bands := make([]int64, len(rc.opts.AgeBands))
	var ageSum, ageKnown int64
	for _, m := range people {
		if !m.ageKnown {
			continue
		}
		ageKnown++
		ageSum += int64(m.age)
		for i, b := range rc.opts.AgeBands {
			if m.age >= b.Min && (b.Max == 0 || m.age <= b.Max) {
				bands[i]++
			}
		}
	}
	if ageKnown > 0 {
		same(t, at+" average age", pick(st.AverageAge), analytics.Known(float64((20*ageSum+ageKnown)/(2*ageKnown))/10))
	} else {
		same(t, at+" average age", pick(st.AverageAge), analytics.Value{})
	}
	rc.compareDistribution(t, at+" age bands", st.AgeBands, pick, labelsOf(rc.opts.AgeBands), bands, ageKnown)

	// Education groups, over the people whose 学历 falls in one.
	groups := make([]int64, len(rc.opts.EducationBuckets))
	var eduKnown int64
	var groupLabels []string
	for i, g := range rc.opts.EducationBuckets {
		groupLabels = append(groupLabels, g.Label)
		for _, m := range people {
			if slices.Contains(g.Values, m.education) {
				groups[i]++
				eduKnown++
			}
		}
	}
	rc.compareDistribution(t, at+" education", st.Education, pick, groupLabels, groups, eduKnown)

	if positions && total > 0 && isCurrent(pick) {
		// Every position held, in the model's order (a township may list one its units do not hold, at 0).
		count := map[string]int64{}
		for _, m := range people {
			count[m.position]++
		}
		var labels []string
		var counts []int64
		for _, p := range st.Positions {
			labels = append(labels, p.Label)
			counts = append(counts, count[p.Label])
		}
		for p := range count {
			if !slices.Contains(labels, p) {
				t.Errorf("%s positions %v leave out %s, recount %v", at, labels, p, count)
			}
		}
		rc.compareDistribution(t, at+" positions", st.Positions, pick, labels, counts, total)
	}
}

// isCurrent tells whether pick reads this term's values.
func isCurrent(pick func(analytics.Figure) analytics.Value) bool {
	return pick(analytics.Figure{Current: analytics.Known(1)}).OK
}

func labelsOf(bands []analytics.AgeBand) []string {
	var out []string
	for _, b := range bands {
		out = append(out, b.Label)
	}
	return out
}

func (rc *recount) compareDistribution(t *testing.T, at string, parts []analytics.Part, pick func(analytics.Figure) analytics.Value,
	labels []string, counts []int64, whole int64) {
	t.Helper()
	if len(parts) != len(labels) {
		t.Errorf("%s: %d parts, recount %d", at, len(parts), len(labels))
		return
	}
	if whole == 0 {
		for _, p := range parts {
			same(t, at+" "+p.Label+" share", pick(p.Share), analytics.Value{})
		}
		return
	}
	shares := rc.shares(counts, whole)
	for i, p := range parts {
		if p.Label != labels[i] {
			t.Errorf("%s part %d is %q, want %q", at, i, p.Label, labels[i])
			continue
		}
		same(t, at+" "+p.Label, pick(p.Count), analytics.Known(float64(counts[i])))
		same(t, at+" "+p.Label+" share", pick(p.Share), shares[i])
	}
}

// compareTwo recounts the 两委 of a kind: 职数 (both bodies' members), the distinct people (the party
// body's members and the committee's who are not on it), the people on both and the units with 一肩挑.
func (rc *recount) compareTwo(t *testing.T, at string, tc analytics.TwoCommittees, year int, in func(string) bool, pick func(analytics.Figure) analytics.Value) {
	t.Helper()
	var pair electsum.TwoCommittees
	for _, p := range electsum.Pairs() {
		if string(p.Kind) == tc.Kind {
			pair = p
		}
	}
	party := rc.people(year, string(pair.Party), in, func(recountMember) bool { return true })
	committee := rc.people(year, string(pair.Committee), in, func(recountMember) bool { return true })
	var distinct []recountMember
	distinct = append(distinct, party...)
	var crossPersons int64
	shoulder := map[string]bool{}
	for _, c := range committee {
		onBoth := false
		for _, p := range party {
			if p.township == c.township && p.unit == c.unit && electsum.SamePerson(p.person, c.person) {
				onBoth = true
				if pair.Party.IsHead(electsum.Position(p.position)) && pair.Committee.IsHead(electsum.Position(c.position)) {
					shoulder[c.township+"/"+c.unit] = true
				}
			}
		}
		if onBoth {
			crossPersons++
		} else {
			distinct = append(distinct, c)
		}
	}
	same(t, at+" positions", pick(tc.Positions), analytics.Known(float64(len(party)+len(committee))))
	// Units that elected both bodies, of them those with a person on both; committees without a woman.
	units := func(people []recountMember) map[string]bool {
		out := map[string]bool{}
		for _, m := range people {
			out[m.township+"/"+m.unit] = true
		}
		return out
	}
	partyUnits, committeeUnits := units(party), units(committee)
	var both int64
	for u := range committeeUnits {
		if partyUnits[u] {
			both++
		}
	}
	crossUnits := map[string]bool{}
	for _, c := range committee {
		for _, p := range party {
			if p.township == c.township && p.unit == c.unit && electsum.SamePerson(p.person, c.person) {
				crossUnits[c.township+"/"+c.unit] = true
			}
		}
	}
	if both == 0 { // 一肩挑 and 交叉任职 are found in units that elected both bodies: none, no figure
		for name, p := range map[string]analytics.Part{"one shoulder": tc.OneShoulder, "cross units": tc.CrossUnits, "cross persons": tc.CrossPersons} {
			if pick(p.Count).OK || pick(p.Share).OK {
				t.Errorf("%s %s: %v with no unit electing both bodies, want no figure", at, name, p)
			}
		}
	} else {
		same(t, at+" one shoulder", pick(tc.OneShoulder.Count), analytics.Known(float64(len(shoulder))))
		samePart(t, at+" one shoulder", tc.OneShoulder, pick, int64(len(shoulder)), both)
		samePart(t, at+" cross units", tc.CrossUnits, pick, int64(len(crossUnits)), both)
		same(t, at+" cross persons", pick(tc.CrossPersons.Count), analytics.Known(float64(crossPersons)))
		same(t, at+" cross persons share", pick(tc.CrossPersons.Share), halfUp(crossPersons, int64(len(distinct))))
	}
	women := units(slices.DeleteFunc(slices.Clone(committee), func(m recountMember) bool { return m.gender != "女" }))
	noWoman := int64(len(committeeUnits) - len(women))
	samePart(t, at+" no woman", tc.NoWoman, pick, noWoman, int64(len(committeeUnits)))
	if isCurrent(pick) && int64(len(tc.NoWomanUnits)) != noWoman {
		t.Errorf("%s no-woman units %v, recount %d", at, tc.NoWomanUnits, noWoman)
	}
	rc.compareStructure(t, at+" persons", tc.Persons, distinct, pick, false)
}

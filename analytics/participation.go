package analytics

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"electsum"
)

// electionFigures is one row of the table macro participation_figures (views/02_v_turnout.sql, the
// one definition of participation and seats): the sums of one body's elections in one year and one
// part of the scope.
type electionFigures struct {
	unitKey
	Year                                       int
	Body                                       Body
	Units                                      int64
	Registered, Voted                          sql.NullInt64
	TurnoutVoted, TurnoutRegistered            sql.NullInt64
	ProxyVotes                                 sql.NullInt64
	ProxyVoted, ProxyUnits                     int64
	MobileVotes                                sql.NullInt64
	MobileVoted, MobileUnits                   int64
	Valid, Invalid, Seats, Candidates, Elected sql.NullInt64
	ContestedUnits, ContestedSeats             sql.NullInt64
	ContestedCandidates                        sql.NullInt64
	MarginExtra, MarginSeats                   sql.NullInt64
	FirstRound, FirstRoundKnown                int64
	RatedUnits, FullTurnout                    int64
	Lowest, Highest, BelowThreshold            sql.NullString
	ValidUnits, InvalidUnits                   int64
	Term                                       sql.NullInt64
	MobileAbove                                sql.NullString
	Methods                                    string
	RepUnits                                   int64
	RepRegistered, RepVoted                    sql.NullInt64
	RepFull                                    int64
}

// partLevel is the level of the figure macros' by_levels that splits a summary of level l into its
// Breakdown: counties of everything, townships of a county, units of a township; "" for none.
func partLevel(l Level) string {
	switch l {
	case LevelAll:
		return "county"
	case LevelCounty:
		return "township"
	case LevelTownship:
		return "unit"
	}
	return ""
}

// loadElectionFigures reads participation_figures on conn (a figureConn) for the scope's year and
// prev, for the whole scope and its parts at partLevel ("" for none).
func loadElectionFigures(ctx context.Context, conn querier, s Scope, prev int, partLevel string, opts Options, t *figureLevels) error {
	query, args := figureQuery("participation_figures", s, prev, partLevel, opts.TurnoutThreshold, opts.MobileThreshold)
	return eachRow(ctx, conn, "participation", query, args, func(rows *sql.Rows) error {
		f := new(electionFigures)
		var level, body string
		if err := rows.Scan(&level, &f.County, &f.Township, &f.Unit, &f.Year, &body, &f.Units,
			&f.Registered, &f.Voted, &f.TurnoutVoted, &f.TurnoutRegistered,
			&f.ProxyVotes, &f.ProxyVoted, &f.ProxyUnits, &f.MobileVotes, &f.MobileVoted, &f.MobileUnits, &f.Valid, &f.Invalid,
			&f.Seats, &f.Candidates, &f.Elected,
			&f.ContestedUnits, &f.ContestedSeats, &f.ContestedCandidates, &f.MarginExtra, &f.MarginSeats,
			&f.FirstRound, &f.FirstRoundKnown, &f.RatedUnits, &f.FullTurnout,
			&f.Lowest, &f.Highest, &f.BelowThreshold, &f.ValidUnits, &f.InvalidUnits, &f.Term, &f.MobileAbove, &f.Methods,
			&f.RepUnits, &f.RepRegistered, &f.RepVoted, &f.RepFull); err != nil {
			return err
		}
		f.Body = Body(body)
		t.at(level).elections[figureKey{f.unitKey, f.Year, f.Body}] = f
		return nil
	})
}

// unitRate is the JSON of one unit's turnout in participation_figures.
type unitRate struct {
	Township string  `json:"township"`
	Unit     string  `json:"unit"`
	Turnout  float64 `json:"turnout"`
}

func (u unitRate) rounded() UnitRate {
	return UnitRate{Township: u.Township, Unit: u.Unit, Turnout: electsum.Round(u.Turnout, 1)}
}

// unitRates decodes a JSON list of unit rates, rounded; nil for SQL NULL.
func unitRates(text sql.NullString) []UnitRate {
	if !text.Valid {
		return nil
	}
	var us []unitRate
	decodeJSON(text.String, &us)
	out := make([]UnitRate, len(us))
	for i, u := range us {
		out[i] = u.rounded()
	}
	return out
}

// decodeJSON decodes a JSON column of a figure macro; bad JSON is a programmer error in the SQL.
func decodeJSON(text string, v any) {
	if err := json.Unmarshal([]byte(text), v); err != nil {
		panic(fmt.Sprintf("analytics: figure JSON %q: %v", text, err))
	}
}

func nullCount(n sql.NullInt64) Value {
	if !n.Valid {
		return Value{}
	}
	return count(int(n.Int64))
}

// participation is 参选情况 (current values only) from f; the zero Participation (no units) when f is nil.
func participation(f *electionFigures, opts Options) Participation {
	p := Participation{Threshold: opts.TurnoutThreshold, BelowThreshold: []UnitRate{}, MobileThreshold: opts.MobileThreshold, MobileAbove: []UnitRate{}}
	if f == nil {
		p.Units.Current = count(0)
		p.ProxyVotes.Label, p.MobileVotes.Label = labelProxy, labelMobile
		return p
	}
	p.Units.Current = count(int(f.Units))
	p.Registered.Current = nullCount(f.Registered)
	p.Voted.Current = nullCount(f.Voted)
	p.ValidBallots.Current = nullCount(f.Valid)
	p.InvalidBallots.Current = nullCount(f.Invalid)
	if f.Valid.Valid {
		p.ValidUnits = count(int(f.ValidUnits))
	}
	if f.Invalid.Valid {
		p.InvalidUnits = count(int(f.InvalidUnits))
	}
	p.Term = nullCount(f.Term)
	p.Turnout.Current = ratio(int(f.TurnoutVoted.Int64), int(f.TurnoutRegistered.Int64))
	if f.RatedUnits > 0 {
		p.FullTurnout.Current = count(int(f.FullTurnout))
	}
	p.Lowest = unitRates(f.Lowest)
	p.Highest = unitRates(f.Highest)
	if rates := unitRates(f.BelowThreshold); rates != nil {
		p.BelowThreshold = rates
	}
	if rates := unitRates(f.MobileAbove); rates != nil {
		p.MobileAbove = rates
	}
	p.ProxyVotes = votesPart(labelProxy, f.ProxyVotes, f.ProxyVoted, f.ProxyUnits, f.Units)
	p.MobileVotes = votesPart(labelMobile, f.MobileVotes, f.MobileVoted, f.MobileUnits, f.Units)
	if f.RepUnits > 0 {
		r := &p.Representatives
		r.Units.Current = count(int(f.RepUnits))
		r.Due.Current, r.Present.Current = nullCount(f.RepRegistered), nullCount(f.RepVoted)
		r.Rate.Current = ratio(int(f.RepVoted.Int64), int(f.RepRegistered.Int64))
		r.Full.Current = count(int(f.RepFull))
		r.Voters.Current = count(int(f.Units - f.RepUnits))
	}
	return p
}

// votesPart is the count of proxy (or mobile) votes and their share of the votes cast in the units
// that reported them; no figure when no unit did. It is Partial when some of the units did not
// report them: the count is then the reporting units' sum, not the scope's, and the share is of
// their votes.
func votesPart(label string, n sql.NullInt64, voted, reporting, units int64) Part {
	if !n.Valid {
		return Part{Label: label}
	}
	p := part(label, int(n.Int64), int(voted))
	p.Reporting = count(int(reporting))
	p.Partial = reporting < units
	return p
}

func mergeParticipation(cur *Participation, prev Participation) {
	cur.Units.Previous = prev.Units.Current
	cur.Registered.Previous = prev.Registered.Current
	cur.Voted.Previous = prev.Voted.Current
	cur.Turnout.Previous = prev.Turnout.Current
	mergePart(&cur.ProxyVotes, prev.ProxyVotes)
	mergePart(&cur.MobileVotes, prev.MobileVotes)
	cur.ValidBallots.Previous = prev.ValidBallots.Current
	cur.InvalidBallots.Previous = prev.InvalidBallots.Current
	cur.FullTurnout.Previous = prev.FullTurnout.Current
	r, pr := &cur.Representatives, prev.Representatives
	r.Units.Previous, r.Due.Previous, r.Present.Previous = pr.Units.Current, pr.Due.Current, pr.Present.Current
	r.Rate.Previous, r.Full.Previous, r.Voters.Previous = pr.Rate.Current, pr.Full.Current, pr.Voters.Current
}

// seats is 职数 (current values only) from f.
func seats(f *electionFigures) Seats {
	if f == nil {
		return Seats{FirstRound: Part{Label: labelFirstRound}}
	}
	var s Seats
	s.Seats.Current = nullCount(f.Seats)
	s.Candidates.Current = nullCount(f.Candidates)
	s.Elected.Current = nullCount(f.Elected)
	s.ContestedUnits.Current = nullCount(f.ContestedUnits)
	s.ContestedSeats.Current = nullCount(f.ContestedSeats)
	s.ContestedCandidates.Current = nullCount(f.ContestedCandidates)
	s.Margin.Current = ratio(int(f.MarginExtra.Int64), int(f.MarginSeats.Int64))
	s.FirstRound = optionalPart(labelFirstRound, int(f.FirstRound), int(f.FirstRoundKnown))
	if f.FirstRoundKnown > 0 {
		s.FirstRound.Reporting = count(int(f.FirstRoundKnown))
	}
	s.FirstRound.over(int(f.Units))
	return s
}

func mergeSeats(cur *Seats, prev Seats) {
	cur.Seats.Previous = prev.Seats.Current
	cur.Candidates.Previous = prev.Candidates.Current
	cur.Elected.Previous = prev.Elected.Current
	cur.ContestedUnits.Previous = prev.ContestedUnits.Current
	cur.ContestedSeats.Previous = prev.ContestedSeats.Current
	cur.ContestedCandidates.Previous = prev.ContestedCandidates.Current
	cur.Margin.Previous = prev.Margin.Current
	mergePart(&cur.FirstRound, prev.FirstRound)
}

// methods are the units per 选举方式 of f, most used first, as shares of the units that named one. A
// method that opts.MethodParents classes under another (公推直选 → 两推一选, through any chain of
// parents) counts in its topmost parent, whether or not any unit named that parent itself, and is
// listed in the parent's Within (其中公推直选5个村); without [methods], in the macro's order.
func methods(f *electionFigures, opts Options) []Part {
	if f == nil {
		return distribution(nil, nil, 0, opts.Rounding)
	}
	var ms []struct {
		Label string `json:"label"`
		Units int    `json:"units"`
	}
	decodeJSON(f.Methods, &ms)
	type group struct {
		label string
		units int
		kinds []string
		of    []int
	}
	var groups []*group
	at := map[string]*group{}
	known := 0
	for _, m := range ms {
		top := m.Label
		for p, ok := opts.MethodParents[top]; ok; p, ok = opts.MethodParents[top] {
			top = p // validateMethodParents refused cycles
		}
		g := at[top]
		if g == nil {
			g = &group{label: top}
			at[top] = g
			groups = append(groups, g)
		}
		g.units += m.Units
		if top != m.Label {
			g.kinds, g.of = append(g.kinds, m.Label), append(g.of, m.Units)
		}
		known += m.Units
	}
	if len(opts.MethodParents) > 0 {
		// Most used first, then by name, as the macro orders the methods themselves.
		slices.SortStableFunc(groups, func(a, b *group) int {
			return cmp.Or(cmp.Compare(b.units, a.units), strings.Compare(a.label, b.label))
		})
	}
	labels, counts := make([]string, len(groups)), make([]int, len(groups))
	for i, g := range groups {
		labels[i], counts[i] = g.label, g.units
	}
	parts := distribution(labels, counts, known, opts.Rounding)
	// Shares of the units that named a method are not shares of all the units when some left it blank.
	overAll(parts, int(f.Units))
	for i, g := range groups {
		if len(g.kinds) > 0 {
			parts[i].Within = distribution(g.kinds, g.of, known, opts.Rounding)
			overAll(parts[i].Within, int(f.Units))
		}
	}
	return parts
}

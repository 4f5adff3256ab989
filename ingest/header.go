package ingest

import (
	"fmt"
)

// field numbers the columns of both sheets, so that a row is read with array lookups, not map lookups.
type field int

const (
	fCounty field = iota
	fTownship
	fUnit
	fYear
	fBody
	fTerm
	fMethod
	fRegistered
	fVoted
	fProxyVotes
	fMobileVotes
	fValidBallots
	fInvalidBallots
	fSeats
	fCandidates
	fElected
	fDate
	fFirstRound
	fName
	fPosition
	fGender
	fBirth
	fAge
	fEthnicity
	fParty
	fEducation
	fReelected
	fIDNumber
	fWealthLeader
	fGraduateOfficial
	fCategory
	fVotes
	fConstituencyNo
	fPopulation
	fAdults
	fAwayHome
	fAwayWorkplace
	fAwayMissing
	fIncapable
	fSuspended
	fDeprived
	fRegisteredWomen
	fRegisteredMinority
	fRegisteredMigrant
	fNominatedByParties
	fNominatedByVoters
	fInPersonVotes
	fRound
	numFields
)

var fieldKeys = [numFields]string{
	"county", "township", "unit", "year", "body", "term", "method", "registered", "voted", "proxy_votes",
	"mobile_votes", "valid_ballots", "invalid_ballots", "seats", "candidates", "elected", "election_date",
	"first_round", "name", "position", "gender", "birth", "age", "ethnicity", "party", "education",
	"reelected", "id_number", "wealth_leader", "graduate_official", "category", "votes",
	"constituency_no", "population", "adults", "away_home", "away_workplace", "away_missing", "incapable",
	"suspended", "deprived", "registered_women", "registered_minority", "registered_migrant",
	"nominated_by_parties", "nominated_by_voters", "in_person_votes", "round",
}

// resultCounts are the results columns that a 合计/小计 row adds up.
var resultCounts = []field{fRegistered, fVoted, fProxyVotes, fMobileVotes, fValidBallots, fInvalidBallots, fSeats, fCandidates, fElected,
	fPopulation, fAdults, fAwayHome, fAwayWorkplace, fAwayMissing, fIncapable, fSuspended, fDeprived,
	fRegisteredWomen, fRegisteredMinority, fRegisteredMigrant, fNominatedByParties, fNominatedByVoters, fInPersonVotes}

// sheetSpec is what the parser knows about one kind of sheet.
type sheetSpec struct {
	kind     SheetKind
	cols     [numFields]*Column // nil: not a column of this sheet
	byKey    map[string]field   // folded header, alias or English name → field
	specific map[field]bool     // columns only this kind has; they decide which sheet a header is
}

var specs = func() [2]*sheetSpec {
	byKey := map[string]field{}
	for f, k := range fieldKeys {
		byKey[k] = field(f)
	}
	build := func(kind SheetKind, cols []Column, other []Column) *sheetSpec {
		s := &sheetSpec{kind: kind, byKey: map[string]field{}, specific: map[field]bool{}}
		for i := range cols {
			c := &cols[i]
			f, ok := byKey[c.Key]
			if !ok {
				panic("ingest: column " + c.Key + " has no field") // programmer error: columns.go and header.go disagree
			}
			s.cols[f] = c
			for _, h := range append([]string{c.Header, c.English, c.Key}, c.Aliases...) {
				for _, k := range []string{fold(h, true), fold(stripBracketed(h), true)} {
					if _, dup := s.byKey[k]; !dup && k != "" {
						s.byKey[k] = f
					}
				}
			}
		}
		for i := range cols {
			shared := false
			for j := range other {
				shared = shared || other[j].Key == cols[i].Key
			}
			if !shared {
				s.specific[byKey[cols[i].Key]] = true
			}
		}
		return s
	}
	return [2]*sheetSpec{build(ResultsSheet, ResultColumns, MemberColumns), build(MembersSheet, MemberColumns, ResultColumns)}
}()

// lookup finds the column a header cell names, trying the text as written and then without its
// bracketed remark ("登记选民数（人）").
func (s *sheetSpec) lookup(h string) (field, bool) {
	if h == "" {
		return 0, false
	}
	if f, ok := s.byKey[fold(h, true)]; ok {
		return f, true
	}
	f, ok := s.byKey[fold(stripBracketed(h), true)]
	return f, ok
}

// layout is a recognised header: which cell holds which column.
type layout struct {
	spec      *sheetSpec
	col       [numFields]int    // cell index, -1 when the sheet lacks the column
	header    [numFields]string // the header as written, for messages
	unknown   []unknownColumn   // header cells that name no known column
	matched   int               // number of columns recognised
	specific  int               // of which only this kind of sheet has
	headerEnd int               // the last header row (1-based)
}

type unknownColumn struct {
	index int
	text  string
}

// matchHeader reads a header from one row (parent nil) or from a two-row header where parent is the
// upper row. For each cell it tries the lower text, the two combined, then the upper text, so a merged
// "选举情况" above "登记选民数" and a "姓名" merged down both rows work.
func matchHeader(spec *sheetSpec, parent, row []string) *layout {
	l := &layout{spec: spec}
	for i := range l.col {
		l.col[i] = -1
	}
	n := max(len(row), len(parent))
	for j := 0; j < n; j++ {
		var child, up string
		if j < len(row) {
			child = clean(row[j])
		}
		if j < len(parent) {
			up = clean(parent[j])
		}
		if child == up {
			up = ""
		}
		var candidates [3]string
		candidates[0] = child
		if up != "" && child != "" {
			candidates[1] = up + child
		}
		candidates[2] = up
		found := false
		for _, h := range candidates {
			f, ok := spec.lookup(h)
			if !ok {
				continue
			}
			found = true
			if l.col[f] < 0 {
				l.col[f] = j
				l.header[f] = h
				l.matched++
				if spec.specific[f] {
					l.specific++
				}
			} else {
				l.unknown = append(l.unknown, unknownColumn{j, h}) // a second column with the same meaning
			}
			break
		}
		if !found {
			text := child
			if text == "" {
				text = up
			} else if up != "" {
				text = up + "/" + child
			}
			if text != "" {
				l.unknown = append(l.unknown, unknownColumn{j, text})
			}
		}
	}
	return l
}

// isHeader says whether a layout is a real header row, not a title row or a data row that happens to
// contain a word like 村: enough columns, and some that only this kind of sheet has.
func (l *layout) isHeader() bool { return l.matched >= 4 && l.specific >= 2 }

// bestHeader matches a row against both kinds of sheet and returns the better, or nil if neither
// matches at all.
func bestHeader(parent, row []string) *layout {
	var best *layout
	for _, spec := range specs {
		l := matchHeader(spec, parent, row)
		if best == nil || l.specific > best.specific || (l.specific == best.specific && l.matched > best.matched) {
			best = l
		}
	}
	if best.matched == 0 {
		return nil
	}
	return best
}

// missing returns the required columns the layout lacks, as header names.
func (l *layout) missing() []string {
	var out []string
	for f, c := range l.spec.cols {
		if c != nil && c.Required && l.col[f] < 0 {
			out = append(out, c.Header)
		}
	}
	if l.spec.kind == MembersSheet && l.col[fBirth] < 0 && l.col[fAge] < 0 {
		out = append(out, fmt.Sprintf("%s 或 %s", l.spec.cols[fBirth].Header, l.spec.cols[fAge].Header))
	}
	return out
}

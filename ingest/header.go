package ingest

import (
	"encoding/binary"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
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
	fExcused
	numFields
)

var fieldKeys = [numFields]string{
	"county", "township", "unit", "year", "body", "term", "method", "registered", "voted", "proxy_votes",
	"mobile_votes", "valid_ballots", "invalid_ballots", "seats", "candidates", "elected", "election_date",
	"first_round", "name", "position", "gender", "birth", "age", "ethnicity", "party", "education",
	"reelected", "id_number", "wealth_leader", "graduate_official", "category", "votes",
	"constituency_no", "population", "adults", "away_home", "away_workplace", "away_missing", "incapable",
	"suspended", "deprived", "registered_women", "registered_minority", "registered_migrant",
	"nominated_by_parties", "nominated_by_voters", "in_person_votes", "round", "excused",
}

// resultCounts are the results columns that a 合计/小计 row adds up.
var resultCounts = []field{fRegistered, fVoted, fProxyVotes, fMobileVotes, fValidBallots, fInvalidBallots, fSeats, fCandidates, fElected,
	fPopulation, fAdults, fAwayHome, fAwayWorkplace, fAwayMissing, fIncapable, fSuspended, fDeprived,
	fRegisteredWomen, fRegisteredMinority, fRegisteredMigrant, fNominatedByParties, fNominatedByVoters, fInPersonVotes, fExcused}

// sheetSpec is what the parser knows about one kind of sheet.
type sheetSpec struct {
	kind     SheetKind
	cols     [numFields]*Column // nil: not a column of this sheet
	byKey    map[string]field   // folded header, alias or English name → field
	byStem   map[string]field   // stem of a Chinese header or alias → field, where only one column has it
	specific map[field]bool     // columns only this kind has; they decide which sheet a header is
}

var specs = func() [2]*sheetSpec {
	byKey := map[string]field{}
	for f, k := range fieldKeys {
		byKey[k] = field(f)
	}
	build := func(kind SheetKind, cols []Column, other []Column) *sheetSpec {
		s := &sheetSpec{kind: kind, byKey: map[string]field{}, byStem: map[string]field{}, specific: map[field]bool{}}
		ambiguous := map[string]bool{}
		for i := range cols {
			c := &cols[i]
			f, ok := byKey[c.Key]
			if !ok {
				panic("ingest: column " + c.Key + " has no field") // programmer error: columns.go and header.go disagree
			}
			s.cols[f] = c
			for _, k := range c.keys() {
				if _, dup := s.byKey[k]; !dup {
					s.byKey[k] = f // TestHeaderAliasesUnambiguous makes sure no key names two columns
				}
			}
			for _, h := range append([]string{c.Header}, c.Aliases...) {
				for _, st := range []string{stem(fold(h, true)), stem(fold(stripBracketed(h), true))} {
					if g, seen := s.byStem[st]; st == "" || seen && g != f {
						ambiguous[st] = true
					} else {
						s.byStem[st] = f
					}
				}
			}
		}
		for st := range ambiguous {
			delete(s.byStem, st)
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
	return [2]*sheetSpec{build(ResultsSheet, resultColumns, memberColumns), build(MembersSheet, memberColumns, resultColumns)}
}()

// keys are the folded headers that name the column: the standard header, its Chinese aliases, its
// English headers and its key.
func (c *Column) keys() []string {
	return headerKeys(append([]string{c.Header}, c.Aliases...), append([]string{c.Key}, c.English...))
}

// headerKeys folds headers as lookup does: each as written and without its bracketed remark; English
// headers also in their other grammatical number ("voters" and "voter"), so a clerk's singular or
// plural both match.
func headerKeys(chinese, english []string) []string {
	var out []string
	add := func(k string) {
		if k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	for _, h := range chinese {
		for _, k := range []string{fold(h, true), fold(stripBracketed(h), true)} {
			add(k)
			if t, ok := taiwanSpelling(k); ok {
				add(t)
			}
		}
	}
	for _, h := range english {
		for _, k := range []string{fold(h, true), fold(stripBracketed(h), true)} {
			add(k)
			add(otherNumber(k))
		}
	}
	return out
}

// otherNumber turns a folded English header's last word from plural to singular or back: voters ↔
// voter, bodies ↔ body, sexes ↔ sex. It returns "" for text that is not plain ASCII letters and digits.
func otherNumber(k string) string {
	if k == "" {
		return ""
	}
	for i := 0; i < len(k); i++ {
		if c := k[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return ""
		}
	}
	if c := k[len(k)-1]; c < 'a' || c > 'z' {
		return ""
	}
	vowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	switch {
	case strings.HasSuffix(k, "ies") && len(k) > 3:
		return k[:len(k)-3] + "y"
	case strings.HasSuffix(k, "sses"), strings.HasSuffix(k, "xes"), strings.HasSuffix(k, "ches"), strings.HasSuffix(k, "shes"):
		return k[:len(k)-2]
	case strings.HasSuffix(k, "ss"), strings.HasSuffix(k, "x"), strings.HasSuffix(k, "ch"), strings.HasSuffix(k, "sh"):
		return k + "es"
	case strings.HasSuffix(k, "s"):
		return k[:len(k)-1]
	case strings.HasSuffix(k, "y") && len(k) > 1 && !vowel(k[len(k)-2]):
		return k[:len(k)-1] + "ies"
	}
	return k + "s"
}

// derivedByKey finds a derived figure (参选率) by its folded header.
var derivedByKey = func() map[string]*Derived {
	m := map[string]*Derived{}
	for i := range derivedColumns {
		d := &derivedColumns[i]
		for _, k := range headerKeys(append([]string{d.Header}, d.Aliases...), d.English) {
			m[k] = d
		}
	}
	return m
}()

// lookupDerived says whether a header, folded by foldHeader, names a figure electsum computes itself.
func lookupDerived(k headerKey) *Derived {
	if k[0] == "" && k[1] == "" {
		return nil
	}
	if d := derivedByKey[k[0]]; d != nil {
		return d
	}
	return derivedByKey[k[1]]
}

// headerKey is a header text folded as lookup folds it: as written, and without its bracketed remark
// (the same key again when it has none). Both are "" for an empty text.
type headerKey [2]string

func foldHeader(h string) headerKey {
	if h == "" {
		return headerKey{}
	}
	k := fold(h, true)
	if !hasBracket(h) { // nothing for stripBracketed to strip
		return headerKey{k, k}
	}
	return headerKey{k, fold(stripBracketed(h), true)}
}

// lookup finds the column a header cell names, trying the text as written and then without its
// bracketed remark ("登记选民数（人）").
func (s *sheetSpec) lookup(h string) (field, bool) { return s.lookupKey(foldHeader(h)) }

func (s *sheetSpec) lookupKey(k headerKey) (field, bool) {
	if k[0] == "" && k[1] == "" {
		return 0, false
	}
	if f, ok := s.byKey[k[0]]; ok {
		return f, true
	}
	f, ok := s.byKey[k[1]]
	return f, ok
}

// lookupNear finds the column a header names when lookup does not: by its stem (stem), the words
// clerks add or leave out around a header — 村名称 for 村, 选民总数 for 选民数, 当选人 for 当选. A stem
// two columns share names neither.
func (s *sheetSpec) lookupNear(h string) (field, bool) { return s.lookupNearKey(foldHeader(h)) }

func (s *sheetSpec) lookupNearKey(k headerKey) (field, bool) { return s.lookupStems(stemsOf(k)) }

// stemsOf is the stems of a header key's two texts, for lookupStems.
func stemsOf(k headerKey) [2]string {
	st := stem(k[0])
	if k[1] == k[0] {
		return [2]string{st, st}
	}
	return [2]string{st, stem(k[1])}
}

// lookupStems is lookupNearKey given the key's stems (stemsOf), made once for every kind of sheet.
func (s *sheetSpec) lookupStems(stems [2]string) (field, bool) {
	for _, k := range stems {
		if f, ok := s.byStem[k]; ok && k != "" {
			return f, true
		}
	}
	return 0, false
}

// headerAffixes are the words a Chinese header may carry or leave out without changing which column it
// names: endings for "the number of" and "the name of", the 所属/所在 of 所属乡镇, and the 实际 of
// 实际当选人数. Longer endings come first, so 总人数 goes whole.
var headerAffixes = struct{ prefixes, suffixes []string }{
	prefixes: []string{"所属", "所在", "实际"},
	suffixes: []string{"总人数", "名称", "名字", "总数", "人数", "数量", "个数", "情况", "数", "人", "名"},
}

// stem strips headerAffixes from a folded header until none is left, keeping at least two characters
// (总人数 must not become 总, which 总数 would share); ASCII headers (English) have their own
// tolerance (otherNumber) and get "".
func stem(k string) string {
	ascii := true
	for i := 0; i < len(k); i++ {
		ascii = ascii && k[i] < 0x80
	}
	if ascii {
		return ""
	}
	for again := true; again; {
		again = false
		for _, p := range headerAffixes.prefixes {
			if strings.HasPrefix(k, p) && utf8.RuneCountInString(k[len(p):]) >= 2 {
				k, again = k[len(p):], true
			}
		}
		for _, x := range headerAffixes.suffixes {
			if strings.HasSuffix(k, x) && utf8.RuneCountInString(k[:len(k)-len(x)]) >= 2 {
				k, again = k[:len(k)-len(x)], true
				break
			}
		}
	}
	return k
}

// layout is a recognised header: which cell holds which column.
type layout struct {
	spec      *sheetSpec
	col       [numFields]int    // cell index, -1 when the sheet lacks the column
	header    [numFields]string // the header as written, for messages
	unknown   []unknownColumn   // header cells that name no known column
	near      []nearColumn      // header cells read as a column by their stem (lookupNear), for a notice
	derived   []derivedColumn   // header cells that name a figure computed from other columns (参选率)
	turnout   int               // the cell of a stated 参选率, compared with the computed one; -1 when none
	turnoutH  string            // its header as written, for messages
	posts     []postColumn      // a roster's columns of one body's posts each (党组织职务, 村委会职务)
	ballots   []postColumn      // a results sheet's 职位 column: the post of each row's ballot (ballots.go)
	schooling []postColumn      // a roster's 全日制 and 在职 学历 columns (schooling.go)
	grouped   []groupedColumn   // a count's columns after its first, under other upper cells (ballots.go)
	matched   int               // number of columns recognised
	specific  int               // of which only this kind of sheet has
	headerEnd int               // the last header row (1-based)

	// body is set on the layout of one body's group of a wide sheet (wide.go): the rows' 选举类型, named
	// by the upper header cell at bodyRef, as header[fBody] writes it.
	body, bodyRef string
}

type unknownColumn struct {
	index int
	text  string
}

type nearColumn struct {
	index int
	text  string
	field field
}

type derivedColumn struct {
	index   int
	text    string
	derived *Derived
}

// headerCells are the texts matchCells tries for each cell of a header row, cleaned and folded once
// for every kind of sheet (bestHeader tries two).
type headerCells struct {
	texts     [][3]string    // per cell: lower, combined, upper text
	keys      [][3]headerKey // their foldHeader keys
	schooling [][2]bool      // per cell: schoolingHeader's ok and named
}

func newHeaderCells(parent, row []string) *headerCells {
	n := max(len(row), len(parent))
	c := &headerCells{texts: make([][3]string, n), keys: make([][3]headerKey, n), schooling: make([][2]bool, n)}
	for j := 0; j < n; j++ {
		child, up := oneLine(cleanAt(row, j)), oneLine(cleanAt(parent, j))
		if child == up {
			up = ""
		}
		c.texts[j][0], c.texts[j][2] = child, up
		if up != "" && child != "" {
			c.texts[j][1] = up + child
		}
		for i, h := range c.texts[j] {
			c.keys[j][i] = foldHeader(h)
		}
		c.schooling[j][0], c.schooling[j][1] = schoolingHeader(child, up)
	}
	return c
}

// oneLine is a header cell's text without the line breaks a clerk types into a narrow column (出生\n年月),
// as its messages quote it.
func oneLine(h string) string {
	if !strings.ContainsAny(h, "\r\n") {
		return h
	}
	return strings.NewReplacer("\r\n", "", "\n", "", "\r", "").Replace(h)
}

// cleanAt is cell j of a row, trimmed (clean); "" past the row's end.
func cleanAt(cells []string, j int) string {
	if j < len(cells) {
		return clean(cells[j])
	}
	return ""
}

// matchCells reads a header from one row (parent nil in newHeaderCells) or from a two-row header whose
// upper row is parent. For each cell it tries the lower text, the two combined, then the upper text, so
// a merged "选举情况" above "登记选民数" and a "姓名" merged down both rows work. Cells that name no
// column exactly are then tried by their stem (lookupNear), only for the columns still missing: a loose
// 党员人数 never takes the place of an exact 登记选民数 further right.
func matchCells(spec *sheetSpec, cells *headerCells) *layout {
	l := &layout{spec: spec, turnout: -1}
	for i := range l.col {
		l.col[i] = -1
	}
	texts := cells.texts
	var unmatched []int
	take := func(j int, f field, h string) {
		if first := l.col[f]; first >= 0 {
			// A count again under another upper cell (主任/应选, 委员/应选): the groups' counts are added
			// when they are a committee's posts' ballots, else the sheet is refused (ballots.go).
			if up, firstUp := upperOf(texts, j), upperOf(texts, first); spec.cols[f].Kind == KindInt && up != firstUp {
				l.grouped = append(l.grouped, groupedColumn{field: f, index: j, text: headerText(texts[j]), firstText: headerText(texts[first]), upper: up, firstUpper: firstUp})
				return
			}
			l.unknown = append(l.unknown, unknownColumn{j, h}) // a second column with the same meaning
			return
		}
		l.col[f], l.header[f] = j, h
		l.matched++
		if spec.specific[f] {
			l.specific++
		}
	}
	for j := range texts {
		if ok, named := cells.schooling[j][0], cells.schooling[j][1]; ok && spec.kind == MembersSheet {
			text := headerText(texts[j])
			if slices.ContainsFunc(l.schooling, func(c postColumn) bool { return c.text == text }) {
				unmatched = append(unmatched, j) // 全日制教育 merged over 学历 | 毕业院校: its first column
				continue
			}
			l.schooling = append(l.schooling, postColumn{index: j, text: text})
			if named { // a two-row header that names them matches better than its upper row alone
				l.matched++
			}
			continue
		}
		if f, h, ok := firstMatch(texts[j], cells.keys[j], spec.lookupKey); ok {
			take(j, f, h)
		} else {
			unmatched = append(unmatched, j)
		}
	}
	for _, j := range unmatched {
		if f, h, ok := firstMatch(texts[j], cells.keys[j], spec.lookupNearKey); ok && l.col[f] < 0 {
			l.near = append(l.near, nearColumn{j, h, f})
			take(j, f, h)
			continue
		}
		child, up := texts[j][0], texts[j][2]
		text := headerText(texts[j])
		if text == "" {
			continue
		}
		d := lookupDerived(cells.keys[j][0])
		if child == "" {
			d = lookupDerived(cells.keys[j][2])
		}
		if d != nil {
			l.derived = append(l.derived, derivedColumn{j, text, d})
			if d.Key == "turnout" && l.turnout < 0 {
				l.turnout, l.turnoutH = j, text
			}
			continue
		}
		if spec.kind == MembersSheet {
			if b, ok := postColumnBody(child, up); ok {
				l.posts = append(l.posts, postColumn{j, b, text})
				continue
			}
		}
		if spec.kind == ResultsSheet && isBallotColumn(text) {
			l.ballots = append(l.ballots, postColumn{index: j, text: text})
			continue
		}
		l.unknown = append(l.unknown, unknownColumn{j, text})
	}
	slices.SortStableFunc(l.unknown, func(a, b unknownColumn) int { return a.index - b.index })
	return l
}

// upperOf is the upper header cell over column j: its own, or when blank the nearest to its left (a CSV
// file, or a form, writes a group's name once over its first column).
func upperOf(texts [][3]string, j int) string {
	for k := j; k >= 0; k-- {
		if texts[k][2] != "" {
			return texts[k][2]
		}
	}
	return ""
}

// headerText is a header cell as messages name it: its text, under its upper cell's (全日制教育/学历).
func headerText(texts [3]string) string {
	child, up := texts[0], texts[2]
	switch {
	case child == "":
		return up
	case up != "":
		return up + "/" + child
	}
	return child
}

// firstMatch is the first of a cell's texts whose folded keys lookup finds.
func firstMatch(texts [3]string, keys [3]headerKey, lookup func(headerKey) (field, bool)) (field, string, bool) {
	for i, h := range texts {
		if f, ok := lookup(keys[i]); ok {
			return f, h, true
		}
	}
	return 0, "", false
}

// isHeader says whether a layout is a real header row, not a title row or a data row that happens to
// contain a word like 村: enough columns, and some that only this kind of sheet has.
func (l *layout) isHeader() bool { return l.matched >= 4 && l.specific >= 2 }

// bestHeader matches a row against both kinds of sheet and returns the better, or nil if neither
// matches at all. The result is the caller's to change (headerEnd).
func bestHeader(parent, row []string) *layout {
	if parent != nil {
		return matchBest(parent, row)
	}
	// A row alone: the workbooks of one sender repeat their header rows cell for cell, and the same cells
	// match the same way (headerMemo).
	l := headerMemo.read(row, func(row []string) *layout { return matchBest(nil, row) })
	if l == nil {
		return nil
	}
	c := *l // its slices are only read once made (matchCells)
	return &c
}

// headerMemo keeps what bestHeader found for a row alone (parent nil): each of the 900 workbooks of the
// generated people's congress set matched the same two header rows again, a quarter of bestHeader's time.
var headerMemo rowMemo[*layout]

// rowMemo keeps what was read of a row, by the row's cells, for up to maxHeaderMemo rows of at most
// maxHeaderMemoKey bytes (longer rows are read each time). What it keeps is shared: callers copy before
// they change it.
type rowMemo[T any] struct {
	mu   sync.Mutex
	rows map[string]T
}

// read is what read gives for row, read once.
func (m *rowMemo[T]) read(row []string, read func([]string) T) T {
	key, ok := headerMemoKey(row)
	if !ok {
		return read(row)
	}
	m.mu.Lock()
	v, seen := m.rows[key]
	m.mu.Unlock()
	if seen {
		return v
	}
	v = read(row)
	m.mu.Lock()
	if m.rows == nil {
		m.rows = map[string]T{}
	}
	if len(m.rows) < maxHeaderMemo {
		m.rows[key] = v
	}
	m.mu.Unlock()
	return v
}

const (
	maxHeaderMemo    = 1024
	maxHeaderMemoKey = 2048
)

// headerMemoKey is a row's cells as one string, each preceded by its length, or false when it is too long.
func headerMemoKey(row []string) (string, bool) {
	n := 0
	for _, c := range row {
		n += len(c) + 4
	}
	if n > maxHeaderMemoKey {
		return "", false
	}
	b := make([]byte, 0, n)
	for _, c := range row {
		b = binary.AppendUvarint(b, uint64(len(c)))
		b = append(b, c...)
	}
	return string(b), true
}

// mayAddColumns says whether parent with row below it, as a header of two rows (bestHeader(parent, row)),
// can match more columns than parent alone: only when a cell of row, alone or after the cell above it,
// names a column of some kind of sheet, exactly or by its stem. matchCells tries any other cell by the
// text above it alone — the cleaned text of parent's own cell, with the same lookups in the same order —
// so each kind of sheet then takes the same columns as from parent alone, and the two-row header has the
// same count. findHeader asks this of the first row below every one-row header: almost always a data row,
// whose matching against both kinds of sheet was a sixth of the reading of the people's congress set.
func mayAddColumns(parent, row []string) bool {
	var keys [2]headerKey
	for j := range row {
		child, up := clean(row[j]), cleanAt(parent, j)
		if child == "" || child == up {
			continue // newHeaderCells gives the cell the texts "", "", up or child, "", ""
		}
		keys[0], keys[1] = foldHeader(child), headerKey{}
		if up != "" {
			keys[1] = foldHeader(up + child)
		}
		for _, k := range keys {
			for _, spec := range specs {
				if _, ok := spec.lookupKey(k); ok {
					return true
				}
			}
		}
		for _, k := range keys {
			stems := stemsOf(k) // once for both kinds of sheet
			for _, spec := range specs {
				if _, ok := spec.lookupStems(stems); ok {
					return true
				}
			}
		}
	}
	return false
}

// matchBest is bestHeader without the memo.
func matchBest(parent, row []string) *layout {
	var best *layout
	cells := newHeaderCells(parent, row)
	for _, spec := range specs {
		l := matchCells(spec, cells)
		if best == nil || l.specific > best.specific || (l.specific == best.specific && l.matched > best.matched) {
			best = l
		}
	}
	if best.matched == 0 {
		return nil
	}
	return best
}

// resultsOnly are the results columns a 选民登记 table does not have: how the votes went, the seats,
// the candidates and the way the election was held.
var resultsOnly = []field{fMethod, fVoted, fProxyVotes, fMobileVotes, fValidBallots, fInvalidBallots, fSeats,
	fCandidates, fElected, fDate, fFirstRound, fNominatedByParties, fNominatedByVoters, fInPersonVotes, fRound, fExcused}

// registrationCounts are the columns of a 选民登记 table (RegistrationSheet): 登记选民 and the
// registration columns of congressColumns. A registration row gives them to the results rows of its
// place (registration.sql, which lists them again).
var registrationCounts = []field{fRegistered, fPopulation, fAdults, fAwayHome, fAwayWorkplace, fAwayMissing, fIncapable,
	fSuspended, fDeprived, fRegisteredWomen, fRegisteredMinority, fRegisteredMigrant}

// registrationOnly says a results layout is a 选民登记 table: it has a registration column besides
// 登记选民 (总人口, 18周岁以上人口 …, so that a village's results sheet that lost its other columns is
// not taken for one) and none of resultsOnly. A sheet with some results columns that lacks required
// ones stays a results sheet missing columns.
func (l *layout) registrationOnly() bool {
	if l.spec.kind != ResultsSheet || l.body != "" {
		return false
	}
	for _, f := range resultsOnly {
		if l.col[f] >= 0 {
			return false
		}
	}
	for _, f := range registrationCounts[1:] {
		if l.col[f] >= 0 {
			return true
		}
	}
	return false
}

// missing returns the required columns the layout lacks, as header names.
func (l *layout) missing() []string {
	var out []string
	for f, c := range l.spec.cols {
		if c != nil && c.Required && l.col[f] < 0 && !(field(f) == fEducation && len(l.schooling) > 0) {
			out = append(out, c.Header)
		}
	}
	if l.spec.kind == MembersSheet && l.col[fBirth] < 0 && l.col[fAge] < 0 {
		out = append(out, birthOrAge)
	}
	return out
}

// listOnly reports whether a header names two or more columns and only columns of fixed values (性别,
// 学历, 政治面貌, 选举类型, 是否连任 …): the 下拉选项 sheet on which a township's template keeps its
// dropdowns' values, not a table of elections or persons, which always names a place or a person.
func (l *layout) listOnly() bool {
	n := 0
	for f, c := range l.spec.cols {
		if c == nil || l.col[f] < 0 {
			continue
		}
		if c.Kind != KindEnum && c.Kind != KindBool {
			return false
		}
		n++
	}
	return n >= 2
}

// headers are the header cells recognised, as written, in the sheet's order.
func (l *layout) headers() []string {
	var cols []int
	for f, c := range l.spec.cols {
		if c != nil && l.col[f] >= 0 {
			cols = append(cols, f)
		}
	}
	slices.SortFunc(cols, func(a, b int) int { return l.col[a] - l.col[b] })
	out := make([]string, len(cols))
	for i, f := range cols {
		out[i] = l.header[f]
	}
	return out
}

// birthOrAge is how missing names the members sheet's lack of both 出生年月 and 年龄.
const birthOrAge = "出生年月 或 年龄"

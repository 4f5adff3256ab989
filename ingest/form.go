package ingest

import (
	"fmt"
	"slices"
	"strings"

	"electsum"
)

// formField is a value written beside its label above a table, as a village's 选举结果报告单 or a
// township's form has them: 乡镇（街道）：青石镇 in one cell, or 登记选民数 | 1200 in two. A sheet's table
// lacking the column reads the value on every row (a virtual column, formColumn), and a roster's form
// that gives one election's counts is that election's results row (formResult).
type formField struct {
	f        field
	label    string // as written, for messages
	value    string
	row, col int // the value's cell
}

// formColumn is where a layout's virtual columns start: lay.col[f] = formColumn + i reads sp.form[i].
// Far beyond any real column (Excel stops at 16384), so that a row's cells never reach it.
const formColumn = 1 << 24

// formKeyFields are the fields a form may give every row of its table; formCountFields those it may give
// as one election's results (never to a results table's rows: above one they are its totals).
var (
	formKeyFields   = []field{fCounty, fTownship, fUnit, fYear, fBody, fTerm, fMethod, fDate}
	formCountFields = []field{fRegistered, fVoted, fProxyVotes, fMobileVotes, fValidBallots, fInvalidBallots, fSeats, fCandidates, fElected, fExcused}
)

// maxLabelBytes bounds a label's length: 16 Chinese characters (所在选举有效票数 is 8).
const maxLabelBytes = 48

// formLabel is the field a label cell names, among formKeyFields and formCountFields; false otherwise.
// 单位 alone is no label here: 单位：人 above a table is the unit of its counts.
func formLabel(text string) (field, bool) {
	if len(text) > maxLabelBytes { // a title or a note, not a label: folding it is the cost of every sheet
		return 0, false
	}
	k := foldHeader(text)
	if k[0] == "单位" || k[0] == "單位" {
		return 0, false
	}
	if f, ok := lookupAnySheet(k); ok && (isFormKey(f) || isFormCount(f)) {
		return f, true
	}
	return 0, false
}

// lookupAnySheet is the column a folded header names on either kind of sheet, exactly or by its stem.
func lookupAnySheet(k headerKey) (field, bool) {
	for _, s := range specs {
		if f, ok := s.lookupKey(k); ok {
			return f, true
		}
		if f, ok := s.lookupNearKey(k); ok {
			return f, true
		}
	}
	return 0, false
}

func isFormKey(f field) bool   { return slices.Contains(formKeyFields, f) }
func isFormCount(f field) bool { return slices.Contains(formCountFields, f) }

// anyLabel reports whether text names a column of either sheet: a cell of a header, not a value.
func anyLabel(text string) bool {
	k := foldHeader(text)
	_, ok := lookupAnySheet(k)
	return ok || lookupDerived(k) != nil
}

// formValue reports whether v can be the value of f beside its label. Written in two cells (inCell
// false) a value must look like one — a count, a year, a date, a place with its ending, a body — so that
// a header row (村 | 村民小组 | 姓名) is never read as labels with values; after a colon in one cell
// (村（社区）：东山) the label says what it is.
func formValue(f field, v string, inCell bool) bool {
	if v == "" || anyLabel(v) {
		return false
	}
	if isFormCount(f) {
		_, ok := parseInt(v)
		return ok
	}
	switch f {
	case fYear:
		_, ok := ParseYear(v)
		return ok
	case fDate:
		_, ok := parseDate(v)
		return ok
	case fTerm:
		_, ok := parseTerm(v)
		return ok
	case fBody:
		return bodyInName(v) != ""
	}
	if _, isNumber := parseInt(v); isNumber || len(hanText(v)) == 0 {
		return false
	}
	n := len([]rune(v))
	if inCell {
		return n >= 2 && n <= maxPlaceName // a place's name has two characters or more
	}
	switch f {
	case fCounty:
		return electsum.CountyInName(v) == v
	case fTownship:
		return electsum.TownshipInName(v) == v
	case fUnit:
		return electsum.UnitInName(v) == v
	}
	return false // 选举方式 only after a colon
}

// hanText is v's Chinese characters.
func hanText(v string) string {
	var b strings.Builder
	for _, r := range v {
		if r >= 0x3400 && r <= 0x9fff {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// formPairs are the labelled values of a row above a table: cells 乡镇：青石镇 (either colon), and a label
// cell followed by its value (登记选民数 | 1200; the label's merged copies and blanks between are passed
// over). nil when the row holds none: a title, a header, notes. The rows above the tables of one sender
// repeat cell for cell (their header rows are read here too), and are read once (formMemo).
func formPairs(row int, cells []string) []formField {
	if oneText(cells) && !anyColon(cells) {
		return nil // a title: a label and its value take two cells, or a colon in one
	}
	pairs := formMemo.read(cells, func(cells []string) []formField { return readFormPairs(0, cells) })
	if len(pairs) == 0 {
		return nil
	}
	out := slices.Clone(pairs)
	for i := range out {
		out[i].row = row
	}
	return out
}

// formMemo holds formPairs of rows already read, with row 0.
var formMemo rowMemo[[]formField]

// readFormPairs is formPairs without the memo.
func readFormPairs(row int, cells []string) []formField {
	var out []formField
	for j := 0; j < len(cells); j++ {
		c := clean(cells[j])
		if c == "" {
			continue
		}
		if i := strings.IndexAny(c, ":："); i > 0 {
			label, v := clean(c[:i]), clean(strings.TrimLeft(c[i:], ":："))
			if f, ok := formLabel(label); ok && formValue(f, v, true) {
				out = append(out, formField{f: f, label: label, value: v, row: row, col: j})
			}
			continue
		}
		f, ok := formLabel(c)
		if !ok {
			continue
		}
		k := j + 1
		for k < len(cells) && (clean(cells[k]) == "" || clean(cells[k]) == c) {
			k++
		}
		if k < len(cells) {
			if v := clean(cells[k]); formValue(f, v, false) {
				out = append(out, formField{f: f, label: c, value: v, row: row, col: k})
				j = k
			}
		}
	}
	return out
}

// noteForm keeps a row's labelled values above the table (formPairs); true when it holds any, so that
// the row is neither a header nor a title. A field given twice with two values is given by neither: the
// values of a form with two ballots (村委会主任 and 委员) cannot be told apart.
func (sp *sheetParser) noteForm(row int, cells []string) bool {
	pairs := formPairs(row, cells)
	for _, p := range pairs {
		if i := sp.formIndex(p.f); i >= 0 {
			if !sameFormValue(p.f, sp.form[i].value, p.value) {
				sp.formTwice[p.f] = true
			}
			continue
		}
		sp.form = append(sp.form, p)
	}
	return len(pairs) > 0
}

// formIndex is the index of f in sp.form, -1 when the form does not give it (or gives it twice).
func (sp *sheetParser) formIndex(f field) int {
	if sp.formTwice[f] {
		return -1
	}
	for i, p := range sp.form {
		if p.f == f {
			return i
		}
	}
	return -1
}

// formCell is the text of a virtual column (formColumn + i).
func (sp *sheetParser) formCell(i int) string {
	if k := i - formColumn; k >= 0 && k < len(sp.form) {
		return sp.form[k].value
	}
	return ""
}

// formRef is the A1 reference of the cell a layout column index points at: a form field's own cell.
func (sp *sheetParser) formRef(i, row int) string {
	if k := i - formColumn; k >= 0 && k < len(sp.form) {
		return cellRef(sp.form[k].col, sp.form[k].row)
	}
	return cellRef(i, row)
}

// useForm gives the table's missing columns among formKeyFields the form's values (virtual columns),
// with one notice naming them.
func (sp *sheetParser) useForm(l *layout) {
	var used []string
	for _, f := range formKeyFields {
		i := sp.formIndex(f)
		if i < 0 || l.col[f] >= 0 || l.spec.cols[f] == nil {
			continue
		}
		l.col[f], l.header[f] = formColumn+i, sp.form[i].label
		p := sp.form[i]
		used = append(used, fmt.Sprintf("%s“%s”(%s)", p.label, p.value, cellRef(p.col, p.row)))
	}
	if len(used) == 0 {
		return
	}
	sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: l.headerEnd, Rule: "form_field",
		Message: fmt.Sprintf("%s表格上方填写的%s用于表中各行：如不对，请在表头行添加这些列并逐行填写", sp.where(), strings.Join(used, "、"))})
}

// formElection is what a roster's rows share, for the results row its form gives (formResult): their
// place and year, and their body when only one.
type formElection struct {
	key    Key
	rows   int
	places bool // the rows are of two places or years
	bodies bool // the rows are of two bodies
}

// see adds a roster row's key.
func (e *formElection) see(k Key) {
	if e.rows == 0 {
		e.key = k
	}
	e.rows++
	if k.County != e.key.County || k.Township != e.key.Township || k.Unit != e.key.Unit || k.Year != e.key.Year {
		e.places = true
	}
	if k.Body != e.key.Body {
		e.bodies = true
	}
}

// formCountsGiven is how many of formCountFields the form gives: two or more above a roster are a
// results row's, not a stray 合计 (formResult); a form alone needs three (formOnly).
func (sp *sheetParser) formCountsGiven() int {
	n := 0
	for _, f := range formCountFields {
		if sp.formIndex(f) >= 0 {
			n++
		}
	}
	return n
}

// formLayout is a results layout whose columns are the form's fields.
func (sp *sheetParser) formLayout() *layout {
	l := &layout{spec: specs[0], turnout: -1}
	for f := range l.col {
		l.col[f] = -1
	}
	for i, p := range sp.form {
		if sp.formIndex(p.f) == i {
			l.col[p.f], l.header[p.f] = formColumn+i, p.label
			l.matched++
			l.headerEnd = max(l.headerEnd, p.row)
		}
	}
	return l
}

// formResult reads the counts a roster's form gives (登记选民数, 参加投票人数, 应选职数, 当选人数 above
// the 当选人员名单 of a 选举结果报告单) as the results row of the election its rows are of. Counts above
// a roster of several places or bodies are a township's totals, not one election's, and are left; so
// are counts without all that a results row needs, with a warning naming what is missing.
func (sp *sheetParser) formResult() {
	e := &sp.formOf
	if e.rows == 0 || e.places || sp.formCountsGiven() < 2 {
		return
	}
	roster, fl := sp.lay, sp.formLayout()
	sp.lay = fl // the form's cells are read, and named in messages, by its own layout
	defer func() { sp.lay = roster }()
	key := e.key
	if sp.formIndex(fBody) >= 0 {
		key.Body = sp.enumValue(nil, fl.headerEnd, fBody, true, false)
	} else if e.bodies {
		key.Body = ""
	}
	var missing []string
	for _, f := range []field{fVoted, fSeats, fElected} {
		if fl.col[f] < 0 {
			missing = append(missing, specs[0].cols[f].Header)
		}
	}
	if key.Body == "" {
		missing = append(missing, colBody.Header)
	}
	if len(missing) > 0 {
		sp.fp.add(Problem{Severity: Warning, Sheet: sp.name, Row: fl.headerEnd, Rule: "form_result_incomplete",
			Message: fmt.Sprintf("%s表格上方填写了%s，但没有写明%s：这些数字没有作为选举结果导入；请补填，或把选举结果填在选举结果表中", sp.where(), sp.formCounts(), strings.Join(missing, "、"))})
		return
	}
	r := Result{Key: key, Pos: Pos{File: sp.fp.path, Sheet: sp.name, Row: fl.headerEnd}}
	sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: fl.headerEnd, Rule: "form_result",
		Message: fmt.Sprintf("%s表格上方填写的%s作为%s的选举结果导入(当选人员是下面的名单)：如不对，请把选举结果填在选举结果表中", sp.where(), sp.formCounts(), keyText(key))})
	sp.readResult(&r, nil, fl.headerEnd)
}

// formOnly reports whether a sheet without a table is a form of one election's results (a 选举结果报告单
// without its 当选人员名单): it gives 参加投票人数 and two more counts, and its place — a 村(社区) in the
// form, the sheet's name or the file's. A township's form of totals (全镇登记选民数…) names no village and
// is passed over as before.
func (sp *sheetParser) formOnly() bool {
	if sp.summary || sp.formIndex(fVoted) < 0 {
		return false
	}
	u, _ := sp.nameUnit()
	return sp.formCountsGiven() >= 3 && (sp.formIndex(fUnit) >= 0 || u != "")
}

// formCounts lists the form's counts for a message: 登记选民数 1200(B3)、参加投票人数 1100(D3).
func (sp *sheetParser) formCounts() string {
	var out []string
	for i, p := range sp.form {
		if isFormCount(p.f) && sp.formIndex(p.f) == i {
			out = append(out, fmt.Sprintf("%s %s(%s)", p.label, p.value, cellRef(p.col, p.row)))
		}
	}
	return strings.Join(out, "、")
}

// anyColon reports whether a cell holds a colon (either width).
func anyColon(cells []string) bool {
	for _, c := range cells {
		if strings.IndexByte(c, ':') >= 0 || strings.Contains(c, "：") {
			return true
		}
	}
	return false
}

// sameFormValue reports whether two values of f written in a form are one: the same count however
// written (1,200人 and 1200), else the same text in either script.
func sameFormValue(f field, a, b string) bool {
	if isFormCount(f) {
		m, okA := parseInt(a)
		n, okB := parseInt(b)
		return okA && okB && m == n
	}
	return scriptKey(a) == scriptKey(b)
}

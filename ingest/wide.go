package ingest

import (
	"fmt"
	"slices"
	"strings"

	"electsum"
)

// A township often hands in its own wide form instead of the long results sheet: one row per village,
// the columns all its bodies share at the left (乡镇, 村, 年份, 选举日期), and for each body a group of
// columns under an upper header cell naming it — merged across the group, repeated over each column, or
// written once over the first (as a CSV saved from a merged header has it):
//
//	乡镇 | 村 | 年份 | 村党组织                          | 村委会
//	     |    |      | 应到党员数 | 实到党员数 | 应选 | 当选 | 登记选民数 | 参加投票人数 | 应选 | 当选
//
// Such a header has no 选举类型 column. Each data row becomes one results row per body group whose own
// cells are not all blank (a 社区's row leaves 村党组织 blank), read exactly as a long sheet's row with
// the shared columns and that group's columns, so that every value, check and message is the long
// sheet's, at the cell as written. What the upper row may say is what a 选举类型 cell may say
// (ParseBody), with 选举/换届/情况 around it; a group naming no body, a results figure under no body, or
// two groups of one body refuse the sheet: nothing is guessed.

// headRow is a row scanned for the header, as its cells were after merged cells were filled.
type headRow struct {
	row   int
	cells []string
}

// maxBodyRowsAbove bounds how many header rows above the upper row bodiesAbove looks through.
const maxBodyRowsAbove = 3

// bodiesAbove reads a wide header of three rows or more — 村党组织 | 村民委员会 on top, 选举情况 | 结构 below
// it, the columns in the last row — as a two-row one: for each column, the nearest cell above the upper
// row (at upperRow) that names a body, among the header rows directly above it (a title, one text
// across the table, ends them); a column with none keeps its upper text, or when that is blank the
// nearest text above it (乡镇 written once over three rows, as a CSV has it). It returns nil when no column
// has a body above it, and the row of the first body found, for messages.
func (sp *sheetParser) bodiesAbove(upper []string, upperRow int) ([]string, int) {
	var above []headRow // nearest first
	for i := len(sp.headRows) - 1; i >= 0 && len(above) < maxBodyRowsAbove; i-- {
		h := sp.headRows[i]
		if h.row >= upperRow {
			continue
		}
		if h.row != upperRow-1-len(above) || oneText(h.cells) {
			break
		}
		above = append(above, h)
	}
	var out []string
	bodyRow := 0
	for _, h := range above {
		for j, c := range h.cells {
			c = clean(c)
			if c == "" || j < len(out) && out[j] != "" {
				continue
			}
			if _, ok := bodyHeader(c); !ok {
				continue
			}
			if out == nil {
				out = make([]string, max(len(upper), len(h.cells)))
			}
			for len(out) <= j {
				out = append(out, "")
			}
			out[j] = c
			if bodyRow == 0 || h.row < bodyRow {
				bodyRow = h.row
			}
		}
	}
	if out == nil {
		return nil, 0
	}
	for j := range out {
		if out[j] != "" {
			continue
		}
		if out[j] = cleanAt(upper, j); out[j] != "" {
			continue
		}
		for _, h := range above { // a column written only in the top row, as a CSV saved from merged cells has 乡镇
			if c := cleanAt(h.cells, j); c != "" {
				out[j] = c
				break
			}
		}
	}
	return out, bodyRow
}

// oneText says whether a row holds one text only, however many cells repeat it: a title. A data row
// costs a clean or two (secondTable asks of every row).
func oneText(cells []string) bool {
	text := ""
	for _, c := range cells {
		if c == "" || c == text || clean(c) == "" {
			continue
		}
		if text != "" && clean(c) != clean(text) {
			return false
		}
		text = c
	}
	return true
}

// wideLayout is a recognised wide header.
type wideLayout struct {
	groups  []*wideGroup
	notices *layout // the unknown, loosely read and derived columns of the whole header, for useLayout
	refusal *Problem
}

// wideGroup is one body's group of columns.
type wideGroup struct {
	lay              *layout        // the shared columns and the group's own, as a long sheet's header with its body
	own              []int          // the cells of the group's recognised columns: all blank, no row
	missing          []field        // required columns neither the group nor the shared columns have
	sumAll, sumSince [numFields]int // results' counts for 合计/小计 rows, of this group
}

// sharedFields are the columns a wide sheet may have outside any group: they apply to every body.
var sharedFields = map[field]bool{fCounty: true, fTownship: true, fUnit: true, fYear: true, fTerm: true, fDate: true}

// bodyHeaderWords are what an upper header cell may add after a body's name: 村委会选举情况, 村党组织换届.
var bodyHeaderWords = []string{"选举", "换届", "情况"}

// bodyHeader reads an upper header cell as the body it names, as a 选举类型 cell would be read.
func bodyHeader(h string) (electsum.Body, bool) {
	for _, s := range []string{h, stripBracketed(h)} {
		s = fold(s, false)
		for s != "" {
			if b, ok := ParseBody(s); ok {
				return b, true
			}
			cut := false
			for _, w := range bodyHeaderWords {
				if rest, ok := strings.CutSuffix(s, w); ok && rest != "" {
					s, cut = rest, true
					break
				}
			}
			if !cut {
				break
			}
		}
	}
	return "", false
}

// wideHeader reads a results header that lacks 选举类型 as a wide one, when the row above it (upper, at
// row upperRow; lower is at lowerRow) names bodies over its column groups. It returns nil when upper
// names no body. sp only names the sheet in messages.
func (sp *sheetParser) wideHeader(upper, lower []string, upperRow, lowerRow int) *wideLayout {
	spec := specs[0]
	n := max(len(upper), len(lower))
	type group struct {
		first int
		text  string
		body  electsum.Body
		cols  []int
	}
	var groups []*group
	var current *group
	outsideUpper := make([]string, n) // the upper texts of the columns outside the groups
	outsideLower := make([]string, n)
	lowerText := make([]string, n)
	runFirst := make([]int, n) // the first column of the run of equal upper texts a column is in
	prevUpper := ""
	for j := 0; j < n; j++ {
		u, l := cleanAt(upper, j), cleanAt(lower, j)
		lowerText[j] = l
		if j == 0 || u != prevUpper {
			runFirst[j] = j
		} else {
			runFirst[j] = runFirst[j-1]
		}
		prevUpper = u
		switch {
		case u == "" && l == "":
			continue
		case u != "" && u == l: // merged down both rows: a column of its own, outside the groups
			current = nil
			outsideLower[j] = l
		case u == "" && current != nil: // nothing above: the group on its left goes on
			current.cols = append(current.cols, j)
		case u == "":
			outsideLower[j] = l
		default:
			if current != nil && current.text == u {
				current.cols = append(current.cols, j)
				continue
			}
			current = nil
			if b, ok := bodyHeader(u); ok {
				current = &group{first: j, text: u, body: b, cols: []int{j}}
				groups = append(groups, current)
				continue
			}
			outsideUpper[j], outsideLower[j] = u, l
		}
	}
	if len(groups) == 0 {
		return nil
	}
	w := &wideLayout{notices: &layout{spec: spec, headerEnd: lowerRow}}
	refuse := func(cell int, row int, text, msg string) *wideLayout {
		w.refusal = &Problem{Severity: Error, Sheet: sp.name, Row: row, Column: text, Cell: cellRef(cell, row), Value: text,
			Rule: "wide_header", Message: msg}
		return w
	}
	outside := matchCells(spec, newHeaderCells(outsideUpper, outsideLower))
	for f, j := range outside.col {
		if j < 0 || sharedFields[field(f)] {
			continue
		}
		if u := outsideUpper[j]; u != "" {
			return refuse(runFirst[j], upperRow, u, fmt.Sprintf("%s第%d行的表头“%s”(%s)下有“%s”等选举结果列，但“%s”不是可识别的选举类型：请改为 %s 之一(也可写作 村委会、监委会、居委会、村党支部 等)",
				sp.where(), upperRow, u, cellRef(runFirst[j], upperRow), outside.header[f], u, strings.Join(bodyNames(), "、")))
		}
		return refuse(j, lowerRow, outside.header[f], fmt.Sprintf("%s的列“%s”(%s)上方没有注明选举类型，不知道是哪个组织的数字：按选举类型分组的表中，%s以外的每一列都应在表头上一行注明所属的选举类型(%s)，请合并单元格或逐列填写",
			sp.where(), outside.header[f], cellRef(j, lowerRow), sharedFieldNames(), strings.Join(bodyNames(), "、")))
	}
	w.notices.unknown, w.notices.near, w.notices.derived = outside.unknown, outside.near, outside.derived
	seen := map[electsum.Body]*group{}
	for _, gr := range groups {
		if prev := seen[gr.body]; prev != nil {
			return refuse(gr.first, upperRow, gr.text, fmt.Sprintf("%s第%d行的表头“%s”(%s)和“%s”(%s)都是%s：每个选举类型只能有一组列，请核对",
				sp.where(), upperRow, prev.text, cellRef(prev.first, upperRow), gr.text, cellRef(gr.first, upperRow), gr.body))
		}
		seen[gr.body] = gr
		cells := make([]string, n)
		for _, j := range gr.cols {
			cells[j] = lowerText[j]
		}
		own := matchCells(spec, newHeaderCells(nil, cells))
		for _, f := range []field{fCounty, fTownship, fUnit, fYear} {
			if own.col[f] >= 0 { // the upper cell is a title over the whole table, not a group
				return nil
			}
		}
		g := &wideGroup{}
		lay := *outside
		lay.unknown, lay.near, lay.derived = nil, nil, nil
		lay.turnout, lay.turnoutH = -1, "" // a 参选率 outside the groups is of no one body
		if own.turnout >= 0 {
			lay.turnout, lay.turnoutH = own.turnout, gr.text+"/"+own.turnoutH
		}
		lay.body, lay.bodyRef, lay.headerEnd = string(gr.body), cellRef(gr.first, upperRow), lowerRow
		lay.header[fBody] = gr.text
		for f, j := range own.col {
			if j >= 0 {
				lay.col[f], lay.header[f] = j, gr.text+"/"+own.header[f]
				g.own = append(g.own, j)
			}
		}
		g.lay = &lay
		for _, u := range own.unknown {
			w.notices.unknown = append(w.notices.unknown, unknownColumn{u.index, gr.text + "/" + u.text})
		}
		for _, c := range own.near {
			w.notices.near = append(w.notices.near, nearColumn{c.index, gr.text + "/" + c.text, c.field})
		}
		for _, d := range own.derived {
			w.notices.derived = append(w.notices.derived, derivedColumn{d.index, gr.text + "/" + d.text, d.derived})
		}
		for f, c := range spec.cols {
			if c != nil && c.Required && field(f) != fBody && lay.col[f] < 0 {
				g.missing = append(g.missing, field(f))
			}
		}
		w.groups = append(w.groups, g)
	}
	slices.SortStableFunc(w.notices.unknown, func(a, b unknownColumn) int { return a.index - b.index })
	return w
}

// sharedFieldNames lists the headers of sharedFields, for messages.
func sharedFieldNames() string {
	var names []string
	for f, c := range specs[0].cols {
		if c != nil && sharedFields[field(f)] {
			names = append(names, c.Header)
		}
	}
	return strings.Join(names, "、")
}

// blank says whether the group's own cells of a row are all blank.
func (g *wideGroup) blank(cells []string) bool {
	for _, j := range g.own {
		if j < len(cells) && clean(cells[j]) != "" {
			return false
		}
	}
	return true
}

// wideRow reads one data row of a wide sheet as one results row per body group that is filled in, each
// read, checked and counted for 合计 rows as a long sheet's row with the group's layout. A problem of a
// shared cell (a blank 年份) is reported once, not once per body.
func (sp *sheetParser) wideRow(row int, cells []string) {
	mark := len(sp.fp.out.Problems)
	read, total := 0, false
	for _, g := range sp.wide.groups {
		sp.lay, sp.sumAll, sp.sumSince = g.lay, g.sumAll, g.sumSince
		sp.checkCharacters(row, cells)
		switch {
		case sp.total(row, cells):
			total = true
		case !g.blank(cells):
			sp.result(row, cells)
			read++
		}
		g.sumAll, g.sumSince = sp.sumAll, sp.sumSince
	}
	sp.lay = sp.wide.groups[0].lay
	if read > 0 {
		sp.dataRows++
	}
	sp.fp.dropRepeated(mark)
	if read == 0 && !total {
		unit := sp.cell(cells, fUnit)
		sp.problem(Warning, "wide_row_empty", row, fUnit, unit,
			fmt.Sprintf("%s第%d行%s在各选举类型(%s)下都没有填写，未导入：如有数据请补填", sp.where(), row, shorten(unit, 20), sp.wide.bodies()))
	}
}

// bodies lists the groups' headers as written, for messages.
func (w *wideLayout) bodies() string {
	var names []string
	for _, g := range w.groups {
		names = append(names, g.lay.header[fBody])
	}
	return strings.Join(names, "、")
}

// dropRepeated removes the problems recorded since mark that repeat an earlier one of them: the same
// rule and message at the same cell.
func (fp *fileParser) dropRepeated(mark int) {
	if len(fp.out.Problems)-mark < 2 {
		return
	}
	type key struct{ sheet, cell, rule, message string }
	seen := map[key]bool{}
	kept := fp.out.Problems[:mark]
	for _, p := range fp.out.Problems[mark:] {
		k := key{p.Sheet, p.Cell, p.Rule, p.Message}
		if !seen[k] {
			seen[k] = true
			kept = append(kept, p)
		}
	}
	fp.out.Problems = kept
}

// forBody is the sheet as the rows of body were read: a wide sheet's view through that body's group, so
// that a whole-file check names the group's cell; any other sheet itself.
func (sp *sheetParser) forBody(body string) *sheetParser {
	if sp.wide == nil {
		return sp
	}
	for _, g := range sp.wide.groups {
		if g.lay.body == body {
			v := *sp
			v.lay = g.lay
			return &v
		}
	}
	return sp
}

// wideMissing reports the required columns each group lacks, a shared one once: the sheet is not read.
func (sp *sheetParser) wideMissing() {
	said := map[field]bool{}
	for _, g := range sp.wide.groups {
		l := g.lay
		for _, f := range g.missing {
			h := l.spec.cols[f].Header
			if sharedFields[f] {
				if said[f] {
					continue
				}
				said[f] = true
				filled, advice := sp.fillMissing(h, l.headerEnd)
				if !filled {
					sp.skip, sp.fp.missingColumns = true, true
					sp.fp.add(Problem{Severity: Error, Sheet: sp.name, Row: l.headerEnd, Column: h, Rule: "missing_column",
						Message: fmt.Sprintf("%s是按选举类型分组的%s表，但缺少必填列“%s”：请在各组左边添加该列并填写(%s)", sp.where(), l.spec.kind, h, advice)})
				}
				continue
			}
			sp.skip, sp.fp.missingColumns = true, true
			sp.fp.add(Problem{Severity: Error, Sheet: sp.name, Row: l.headerEnd, Column: l.header[fBody] + "/" + h, Cell: l.bodyRef, Rule: "missing_column",
				Message: fmt.Sprintf("%s是按选举类型分组的%s表，但“%s”(%s)一组缺少必填列“%s”：请在该组添加这一列并填写(%s)", sp.where(), l.spec.kind, l.header[fBody], l.bodyRef, h, sp.fp.templateAdvice())})
		}
	}
}

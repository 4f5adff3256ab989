package annex

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/mattn/go-runewidth"
	"github.com/xuri/excelize/v2"

	"electsum"
	"electsum/analytics"
	"electsum/reports"
)

// Options configure the annex.
type Options struct {
	// Unmasked writes id numbers as the model holds them. By default they are masked again here,
	// whatever the model did, so that a full id number never reaches the annex by accident.
	Unmasked bool
	// Renderer words the 数据核对 findings as the draft does (its finding.<kind> templates, so a
	// user's template folder words both alike); nil is the built-in templates.
	Renderer *reports.Renderer
}

// Write writes the annex workbook of s to w. s is not modified.
func Write(w io.Writer, s *analytics.Summary, opts Options) error {
	ts, err := tables(s, opts)
	if err != nil {
		return err
	}
	title := fmt.Sprintf("%s%d年换届选举工作总结附件", scopeName(s), s.Year)
	return writeBook(w, ts, title, func(f *excelize.File) error { return addCharts(f, s, ts) })
}

// WriteModel writes the annex workbook of m to w: Write for a *analytics.Summary, WriteCongress for a
// *analytics.Congress, WritePartyCongress for a *analytics.PartyCongress. m is not modified.
func WriteModel(w io.Writer, m analytics.Model, opts Options) error {
	switch m := m.(type) {
	case *analytics.Summary:
		return Write(w, m, opts)
	case *analytics.Congress:
		return WriteCongress(w, m, opts)
	case *analytics.PartyCongress:
		return WritePartyCongress(w, m, opts)
	}
	return fmt.Errorf("annex: no workbook of a %T", m)
}

// FileTitle is the name of kind's annex workbook of place and year, before its extension:
// 示例县2024年人大换届选举附件 (electsum demo's file, the page's download).
func FileTitle(kind electsum.Kind, place string, year int) string {
	name := map[electsum.Kind]string{electsum.Renda: "人大换届选举附件", electsum.Dangdaihui: "乡镇党代会换届选举附件",
		electsum.Shequdangzuzhi: "社区党组织换届选举附件"}[kind]
	if name == "" {
		name = "换届选举附件"
	}
	return fmt.Sprintf("%s%d年%s", place, year, name)
}

// writeBook writes the tables as the sheets of one workbook, with its title and, when charts is not
// nil, the charts it adds.
func writeBook(w io.Writer, ts []*table, title string, charts func(*excelize.File) error) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("annex styles: %w", err)
	}
	for i, t := range ts {
		if i == 0 {
			err = f.SetSheetName("Sheet1", t.sheet)
		} else {
			_, err = f.NewSheet(t.sheet)
		}
		if err != nil {
			return fmt.Errorf("annex sheet %s: %w", t.sheet, err)
		}
		if err := writeSheet(f, st, t); err != nil {
			return fmt.Errorf("annex sheet %s: %w", t.sheet, err)
		}
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "electsum", Language: "zh-CN"}); err != nil {
		return fmt.Errorf("annex properties: %w", err)
	}
	if charts != nil {
		if err := charts(f); err != nil {
			return fmt.Errorf("annex charts: %w", err)
		}
	}
	// No SetActiveSheet: the first sheet is active already, and excelize would parse every streamed
	// sheet back into memory to set it (the whole roster, at province scale).
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write annex workbook: %w", err)
	}
	return nil
}

// styles are the cell formats of the annex, made once per workbook.
type styles struct {
	title, header, section int
	cells                  map[[2]int]int // [kind, rowKind] → style
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := func(bold bool, size float64) *excelize.Font {
		return &excelize.Font{Family: "宋体", Size: size, Bold: bold}
	}
	fill := func(color string) excelize.Fill {
		if color == "" {
			return excelize.Fill{}
		}
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	}
	st := &styles{cells: map[[2]int]int{}}
	var err error
	if st.title, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Family: "黑体", Size: 16, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	}); err != nil {
		return nil, err
	}
	if st.header, err = f.NewStyle(&excelize.Style{
		Font: font(true, 10), Border: border, Fill: fill("D9E1F2"),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	}); err != nil {
		return nil, err
	}
	if st.section, err = f.NewStyle(&excelize.Style{
		Font: font(true, 10), Border: border, Fill: fill("FFF2CC"),
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"},
	}); err != nil {
		return nil, err
	}
	formats := map[kind]struct {
		builtin int
		custom  string
		align   string
	}{
		text:    {builtin: 49, align: "left"}, // @: what a clerk types into it stays text
		count:   {builtin: 1, align: "right"},
		share:   {custom: "0.0%", align: "right"},
		decimal: {custom: "0.0", align: "right"},
		mixed:   {builtin: 0, align: "center"},
	}
	emphasis := map[rowKind]string{dataRow: "", subtotalRow: "F2F2F2", totalRow: "E2EFDA"}
	for k, nf := range formats {
		for rk, color := range emphasis {
			s := &excelize.Style{
				Font: font(rk != dataRow, 10), Border: border, Fill: fill(color), NumFmt: nf.builtin,
				// Long text (a check's message) wraps within the capped column width.
				Alignment: &excelize.Alignment{Horizontal: nf.align, Vertical: "center", WrapText: k == text},
			}
			if nf.custom != "" {
				s.CustomNumFmt = &nf.custom
			}
			id, err := f.NewStyle(s)
			if err != nil {
				return nil, err
			}
			st.cells[[2]int{int(k), int(rk)}] = id
		}
	}
	return st, nil
}

func (st *styles) of(k kind, rk rowKind) int { return st.cells[[2]int{int(k), int(rk)}] }

// writeSheet writes one table with a StreamWriter. Everything that lives in the worksheet part outside
// the cells (page setup, footer, fit-to-page) is set before the stream starts, which copies it.
func writeSheet(f *excelize.File, st *styles, t *table) error {
	widths, err := measure(t)
	if err != nil {
		return err
	}
	h := t.headerRows()
	a4, landscape, one, zero := 9, "landscape", 1, 0
	if err := f.SetPageLayout(t.sheet, &excelize.PageLayoutOptions{
		Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero,
	}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(t.sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(t.sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第&P页 共&N页"}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("%s!$2:$%d", quoteSheet(t.sheet), 1+h), Scope: t.sheet,
	}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(t.sheet)
	if err != nil {
		return err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	top := ref(t.freezeCols, t.firstRow())
	pane := "bottomRight"
	if t.freezeCols == 0 {
		pane = "bottomLeft"
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, XSplit: t.freezeCols, YSplit: 1 + h, TopLeftCell: top, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: pane}},
	}); err != nil {
		return err
	}
	last := col(len(t.cols) - 1)
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: t.title}}, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	if err := sw.MergeCell("A1", last+"1"); err != nil {
		return err
	}
	if err := writeHeader(sw, st, t); err != nil {
		return err
	}
	r := t.firstRow()
	buf := make([]any, len(t.cols))
	err = t.each(func(row row) error {
		if row.kind == sectionRow {
			buf[0] = excelize.Cell{StyleID: st.section, Value: row.cells[0].s}
			for i := 1; i < len(buf); i++ {
				buf[i] = excelize.Cell{StyleID: st.section}
			}
			if err := sw.MergeCell(ref(0, r), ref(len(t.cols)-1, r)); err != nil {
				return err
			}
		}
		var opts []excelize.RowOpts
		if row.kind != sectionRow {
			clear(buf) // a short row must not repeat the previous row's trailing cells
			lines := 1
			for i, c := range row.cells {
				k := c.kind
				if k == inherit {
					k = t.cols[i].kind
				}
				buf[i] = excelize.Cell{StyleID: st.of(k, row.kind), Formula: c.formula, Value: cellValue(c, k)}
				if k == text {
					lines = max(lines, wrappedLines(runewidth.StringWidth(c.s), widths[i]))
				}
			}
			if lines > 1 {
				// A streamed row keeps the default height, and neither Excel nor LibreOffice grows it to
				// its wrapped text on opening: a long 问题说明 showed one line of it.
				opts = append(opts, excelize.RowOpts{Height: rowHeight(lines)})
			}
		}
		if err := sw.SetRow(ref(0, r), buf, opts...); err != nil {
			return err
		}
		r++
		return nil
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

// wrappedLines is how many lines text of display width w takes in a column of width colWidth (in
// narrow characters, a CJK character counting two), as the annex's wrapping text style shows it; a
// little room is kept for the cell's margins.
func wrappedLines(w int, colWidth float64) int {
	room := max(int(colWidth)-2, 1)
	return max(1, (w+room-1)/room)
}

// rowHeight is the height in points of a row of n lines of the annex's 10-point text.
func rowHeight(n int) float64 { return float64(n)*14 + 4 }

// cellValue is what the stream writes: the text, the number, or nothing. A formula whose result is
// empty gets "" so that its cached value is the empty string Excel would compute.
func cellValue(c cell, k kind) any {
	switch {
	case k == text:
		return c.s
	case c.ok:
		if k == count || k == mixed {
			return int64(math.Round(c.v))
		}
		return c.v
	case c.formula != "":
		return ""
	case c.s != "":
		return c.s
	}
	return nil
}

// writeHeader writes the one- or two-level header: a group's label merged over its columns, a
// column without a group merged over both rows.
func writeHeader(sw *excelize.StreamWriter, st *styles, t *table) error {
	h := t.headerRows()
	top := make([]any, len(t.cols))
	bottom := make([]any, len(t.cols))
	for i := 0; i < len(t.cols); {
		c := t.cols[i]
		if c.group == "" || h == 1 {
			top[i] = excelize.Cell{StyleID: st.header, Value: c.label}
			bottom[i] = excelize.Cell{StyleID: st.header}
			if h == 2 {
				if err := sw.MergeCell(ref(i, 2), ref(i, 3)); err != nil {
					return err
				}
			}
			i++
			continue
		}
		j := i
		for j < len(t.cols) && t.cols[j].group == c.group {
			top[j] = excelize.Cell{StyleID: st.header}
			bottom[j] = excelize.Cell{StyleID: st.header, Value: t.cols[j].label}
			j++
		}
		top[i] = excelize.Cell{StyleID: st.header, Value: c.group}
		if j-i > 1 {
			if err := sw.MergeCell(ref(i, 2), ref(j-1, 2)); err != nil {
				return err
			}
		}
		i = j
	}
	opts := excelize.RowOpts{Height: 28}
	if err := sw.SetRow("A2", top, opts); err != nil {
		return err
	}
	if h == 2 {
		return sw.SetRow("A3", bottom, opts)
	}
	return nil
}

// measure gives each column a width that fits its header and its widest cell, counting a CJK character
// as two (the unit of Excel's column width is one narrow character).
func measure(t *table) ([]float64, error) {
	w := make([]int, len(t.cols))
	for i, c := range t.cols {
		w[i] = runewidth.StringWidth(c.label)
		if c.group != "" {
			// A group label is spread over its columns.
			n := 0
			for _, d := range t.cols {
				if d.group == c.group {
					n++
				}
			}
			w[i] = max(w[i], (runewidth.StringWidth(c.group)+n-1)/n)
		}
	}
	err := t.each(func(r row) error {
		if r.kind == sectionRow {
			return nil
		}
		for i, c := range r.cells {
			k := c.kind
			if k == inherit {
				k = t.cols[i].kind
			}
			w[i] = max(w[i], displayWidth(c, k))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(w))
	for i, n := range w {
		out[i] = float64(min(max(n+2, 6), 50))
	}
	return out, nil
}

func displayWidth(c cell, k kind) int {
	switch {
	case k == text || !c.ok:
		return runewidth.StringWidth(c.s)
	case k == share:
		return len(strconv.FormatFloat(c.v*100, 'f', 1, 64)) + 1
	case k == decimal:
		return len(strconv.FormatFloat(c.v, 'f', 1, 64))
	}
	return len(strconv.FormatFloat(math.Round(c.v), 'f', 0, 64))
}

// excelRound rounds half away from zero to decimals places, as Excel's ROUND does; Excel works on 15
// significant digits, so x is first cut to those (3.7999999999999994 is 3.8 to Excel).
func excelRound(x float64, decimals int) float64 {
	x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}

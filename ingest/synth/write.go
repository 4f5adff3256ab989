package synth

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"

	"electsum/ingest"
)

// WriteWorkbooks writes one workbook per township, dir/<county>/<township>.xlsx, and returns the paths in
// World order. Each workbook holds both sheets for every year of the World: at a 换届 the county asks each
// township for one workbook with this term and the previous one in the standard layout, so that the
// summary can compare them. The people's congress elections of w.Congress follow, one workbook per
// township, dir/<county>/<township>人大换届.xlsx, then the township party congresses of w.PartyCongress,
// dir/<county>/<township>党代会换届.xlsx. Files are written concurrently; each file's bytes depend
// only on the World.
func WriteWorkbooks(w *World, dir string) ([]string, error) {
	townships := append(append(append([]*Township{}, w.Townships...), w.Congress...), w.PartyCongress...)
	paths := make([]string, len(townships))
	for i, t := range townships {
		switch {
		case i >= len(w.Townships)+len(w.Congress):
			paths[i] = filepath.Join(dir, t.County, t.Name+"党代会换届.xlsx")
		case i >= len(w.Townships):
			paths[i] = filepath.Join(dir, t.County, t.Name+"人大换届.xlsx")
		default:
			paths[i] = filepath.Join(dir, t.County, t.Name+".xlsx")
		}
	}
	for _, c := range w.Counties {
		if err := os.MkdirAll(filepath.Join(dir, c), 0o755); err != nil {
			return nil, fmt.Errorf("create folder for %s: %w", c, err)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), 4)
	next := make(chan int)
	errs := make([]error, len(townships))
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				errs[i] = writeWorkbook(townships[i], paths[i], shape{})
			}
		})
	}
	for i := range townships {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", paths[i], err)
		}
	}
	return paths, nil
}

// sheetWriter writes one township's sheet in its style.
type sheetWriter struct {
	t      *Township
	st     style
	shape  shape
	alias  *rand.Rand // alias headers and value variants; nil for standard headers
	cols   []ingest.Column
	header []string
	keyCol map[string]int // column key → position
}

func newSheetWriter(t *Township, sh shape, all []ingest.Column, salt uint64) *sheetWriter {
	st := t.style
	s := &sheetWriter{t: t, st: st, shape: sh, keyCol: map[string]int{}}
	congress := map[string]bool{}
	if !t.holdsDeputies() { // a township without a people's congress election has no use for those columns
		for _, c := range ingest.CongressColumns() {
			congress[c.Key] = true
		}
	}
	if !t.holdsPartyCongress() { // the villages' sheets leave 批准剔除 out, as most townships' do
		congress["excused"] = true
	}
	for _, c := range all {
		if !t.Omits(c.Key) && !congress[c.Key] {
			s.cols = append(s.cols, c)
		}
	}
	if st.remark {
		s.cols = append(s.cols, ingest.Column{Key: "remark", Header: "备注", Kind: ingest.KindText, Width: 10})
	}
	if st.shuffle != 0 {
		r := rand.New(rand.NewPCG(st.shuffle, salt))
		r.Shuffle(len(s.cols), func(i, j int) { s.cols[i], s.cols[j] = s.cols[j], s.cols[i] })
	}
	if st.aliases != 0 {
		s.alias = rand.New(rand.NewPCG(st.aliases, salt))
	}
	for i, c := range s.cols {
		h := c.Header
		if s.alias != nil && len(c.Aliases) > 0 && s.alias.IntN(2) == 0 {
			h = c.Aliases[s.alias.IntN(len(c.Aliases))]
		}
		s.header = append(s.header, s.text(h))
		s.keyCol[c.Key] = i
	}
	return s
}

// text is s in the township's script.
func (s *sheetWriter) text(v string) string {
	if s.st.traditional {
		return traditional(v)
	}
	return v
}

// optional is a text cell, empty (nil) for "".
func optional(v string) any {
	if v == "" {
		return nil
	}
	return v
}

func (s *sheetWriter) number(v *int) any {
	if v == nil {
		return nil
	}
	if !s.st.textNumbers {
		return *v
	}
	str := strconv.Itoa(*v)
	if *v%20 == 7 { // a few, deterministically
		return fullWidth(str)
	}
	return str
}

func (s *sheetWriter) flag(v *bool) any {
	switch {
	case v == nil:
		return nil
	case s.st.marks && *v:
		return "√"
	case s.st.marks:
		return "×"
	case *v:
		return "是"
	}
	return "否"
}

func (s *sheetWriter) year(y int) any {
	if s.st.yearSuffix {
		return strconv.Itoa(y) + "年"
	}
	if s.st.textNumbers {
		return strconv.Itoa(y)
	}
	return y
}

func (s *sheetWriter) name(n string, row int) string {
	if s.st.spaces && row%9 == 4 {
		return " " + n + " "
	}
	return n
}

// place is where a row's election was held: the columns every sheet has.
type place struct {
	county, township, unit string
	year                   int
	body                   string
}

// cells are one row's cells in column order: the 县 (blank in a shape that leaves it out), 乡镇, 单位,
// 年份 and 选举类型 of at, the other columns' from cell (nil: an empty cell).
func (s *sheetWriter) cells(at place, cell func(key string) any) []any {
	out := make([]any, len(s.cols))
	for i, c := range s.cols {
		switch c.Key {
		case "county":
			if !s.shape.blankCounty {
				out[i] = at.county
			}
		case "township":
			out[i] = at.township
		case "unit":
			out[i] = at.unit
		case "year":
			out[i] = s.year(at.year)
		case "body":
			out[i] = s.text(at.body)
		default:
			out[i] = cell(c.Key)
		}
	}
	return out
}

// resultCells are the cells of one results row, in column order.
func (s *sheetWriter) resultCells(r *ingest.Result, row int) []any {
	at := place{county: r.County, township: r.Township, unit: s.name(r.Unit, row), year: r.Year, body: r.Body}
	return s.cells(at, func(key string) (v any) {
		switch key {
		case "term":
			if r.Term != nil {
				v = s.number(r.Term)
				if s.st.termText {
					v = s.text("第" + chineseNumber(*r.Term) + "届")
				}
			}
		case "method":
			v = optional(r.Method)
		case "election_date":
			if r.Date != nil {
				v = formatDate(*r.Date, s.st.date)
			}
		case "first_round":
			v = s.flag(r.FirstRound)
		default:
			var ok bool
			if v, ok = s.numberCell(key, []keyed{{"registered", r.Registered}, {"voted", r.Voted},
				{"proxy_votes", r.ProxyVotes}, {"mobile_votes", r.MobileVotes}, {"valid_ballots", r.ValidBallots},
				{"invalid_ballots", r.InvalidBallots}, {"seats", r.Seats}, {"candidates", r.Candidates},
				{"elected", r.Elected}, {"excused", r.Excused}}); !ok {
				v = s.congressCell(&r.Congress, key)
			}
		}
		return v
	})
}

// keyed is a number column's key and the row's value (nil: not given).
type keyed struct {
	key string
	v   *int
}

// numberCell is the cell of the number column key among numbers, and whether key is one of them.
func (s *sheetWriter) numberCell(key string, numbers []keyed) (any, bool) {
	for _, x := range numbers {
		if x.key == key {
			return s.number(x.v), true
		}
	}
	return nil, false
}

// memberCells are the cells of one members row, in column order.
func (s *sheetWriter) memberCells(m *ingest.Member, row int) []any {
	at := place{county: m.County, township: m.Township, unit: m.Unit, year: m.Year, body: m.Body}
	return s.cells(at, func(key string) (v any) {
		switch key {
		case "name":
			v = s.name(m.Name, row)
		case "position":
			v = s.text(m.Position)
		case "gender":
			v = m.Gender
		case "birth":
			if m.Birth != nil {
				v = formatBirth(*m.Birth, s.st.birthFormat)
			}
		case "age":
			v = s.number(m.Age)
		case "ethnicity":
			v = optional(m.Ethnicity)
		case "party":
			v = s.text(m.Party)
		case "education":
			e := m.Education
			if s.alias != nil && e == "大学专科" && row%2 == 0 {
				e = "大专"
			}
			v = s.text(e)
		case "reelected":
			v = s.flag(m.Reelected)
		case "id_number":
			v = optional(m.IDNumber)
		case "wealth_leader":
			v = s.flag(m.WealthLeader)
		case "graduate_official":
			v = s.flag(m.GraduateOfficial)
		case "category":
			v = optional(s.text(m.Category))
		case "votes":
			v = s.number(m.Votes)
		}
		return v
	})
}

// sheet is one sheet laid out as the township lays it out: every row's cells (nil for an empty cell)
// starting at row 1, and the merged ranges.
type sheet struct {
	widths []float64
	rows   [][]any
	merges [][2]string
}

// layout lays out the sheet: title rows, header, data rows (the township merged down when merge is
// true), when total is true a 合计 row with the sums of the number columns, and the notes rows of the shape.
func (s *sheetWriter) layout(title string, n int, cells func(i, row int) []any, total, merge bool) *sheet {
	sh := &sheet{}
	for _, c := range s.cols {
		sh.widths = append(sh.widths, c.Width)
	}
	last, _ := excelize.ColumnNumberToName(len(s.cols))
	if s.st.titleRows > 0 {
		sh.rows = append(sh.rows, []any{s.text(title)})
		sh.merges = append(sh.merges, [2]string{"A1", last + "1"})
	}
	if s.st.titleRows > 1 || s.shape.notes { // a township that writes notes under its table signs above it too
		info := fmt.Sprintf("填报单位：%s（盖章）    填报日期：%d年6月", s.t.Name, lastYear(s.t))
		sh.rows = append(sh.rows, []any{s.text(info)})
	}
	header := make([]any, len(s.header))
	for i, h := range s.header {
		header[i] = h
	}
	sh.rows = append(sh.rows, header)
	first := len(sh.rows) + 1
	tcol, ok := s.keyCol["township"]
	merge = merge && ok && s.st.mergeTownship && n > 1
	sums := make([]int, len(s.cols))
	for i := 0; i < n; i++ {
		row := len(sh.rows) + 1
		values := cells(i, row)
		if merge && row > first {
			values[tcol] = nil
		}
		for j, c := range s.cols {
			if c.Kind == ingest.KindInt {
				sums[j] += intValue(values[j])
			}
		}
		sh.rows = append(sh.rows, values)
	}
	if merge {
		sh.merges = append(sh.merges, [2]string{cellName(tcol+1, first), cellName(tcol+1, len(sh.rows))})
	}
	if total {
		values := make([]any, len(s.cols))
		values[s.keyCol["unit"]] = s.text("合计")
		for j, c := range s.cols {
			if c.Kind == ingest.KindInt {
				values[j] = sums[j]
			}
		}
		sh.rows = append(sh.rows, values)
	}
	if s.shape.notes {
		s.notes(sh, last)
	}
	return sh
}

// stream writes the sheet into the workbook with excelize's StreamWriter.
func (sh *sheet) stream(f *excelize.File, name string) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, w := range sh.widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	for i, r := range sh.rows {
		if err := sw.SetRow(cellName(1, i+1), r); err != nil {
			return err
		}
	}
	for _, m := range sh.merges {
		if err := sw.MergeCell(m[0], m[1]); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func cellName(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// intValue reads back a number cell as written (int, text or full-width text).
func intValue(v any) int {
	switch v := v.(type) {
	case int:
		return v
	case string:
		digits := []rune{}
		for _, r := range v {
			if r >= '０' && r <= '９' {
				r -= '０' - '0'
			}
			digits = append(digits, r)
		}
		n, _ := strconv.Atoi(string(digits))
		return n
	}
	return 0
}

func lastYear(t *Township) int {
	y := 0
	for _, r := range t.Results {
		y = max(y, r.Year)
	}
	return y
}

// layoutSheets lays out the township's results and members sheets in the shape it is submitted in.
func layoutSheets(t *Township, sh shape) (results, members *sheet) {
	years := fmt.Sprint(t.Results[0].Year)
	if y := lastYear(t); y != t.Results[0].Year {
		years += "、" + fmt.Sprint(y)
	}
	rs := newSheetWriter(t, sh, ingest.ResultColumns(), 1)
	what := "村（社区）换届"
	switch {
	case t.holdsDeputies():
		what = "人大代表换届"
	case t.holdsPartyCongress():
		what = "党代会换届"
	}
	title := fmt.Sprintf("%s%s年%s选举结果统计表", t.Name, years, what)
	results = rs.layout(title, len(t.Results), func(i, row int) []any { return rs.resultCells(&t.Results[i], row) }, t.style.totalRow, !sh.csv)
	ms := newSheetWriter(t, sh, ingest.MemberColumns(), 2)
	title = fmt.Sprintf("%s%s年%s当选人员名册", t.Name, years, what)
	members = ms.layout(title, len(t.Members), func(i, row int) []any { return ms.memberCells(&t.Members[i], row) }, false, !sh.csv)
	return results, members
}

// writeWorkbook writes one township's workbook.
func writeWorkbook(t *Township, path string, sh shape) error {
	f := excelize.NewFile()
	defer f.Close()
	results, members := string(ingest.ResultsSheet), string(ingest.MembersSheet)
	switch {
	case t.style.genericSheets:
		results, members = "Sheet1", "Sheet2"
	case t.style.traditional:
		results, members = traditional(results), traditional(members)
	}
	if err := f.SetSheetName("Sheet1", results); err != nil {
		return err
	}
	if _, err := f.NewSheet(members); err != nil {
		return err
	}
	rs, ms := layoutSheets(t, sh)
	if err := rs.stream(f, results); err != nil {
		return err
	}
	if err := ms.stream(f, members); err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return err
	}
	b, err := sortedZip(buf.Bytes())
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// sortedZip rewrites a zip archive with its entries in name order ([Content_Types].xml first, where
// Excel puts it). excelize writes the parts of a workbook in map order, which changes from run to run;
// sorted, the same World gives byte-identical files. Entries are copied without recompressing.
func sortedZip(b []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int {
		if (a.Name == "[Content_Types].xml") != (b.Name == "[Content_Types].xml") {
			if a.Name == "[Content_Types].xml" {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	var out bytes.Buffer
	out.Grow(len(b))
	zw := zip.NewWriter(&out)
	for _, f := range files {
		if err := zw.Copy(f); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

package annex

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
	"github.com/xuri/excelize/v2"

	"electsum"
	"electsum/analytics"
	"electsum/ingest/synth"
)

// writeAndOpen writes the annex workbook of m (WriteModel: a village summary's, a people's congress',
// a party congress') and reopens it as Excel would see it; it is closed when the test ends.
func writeAndOpen(t *testing.T, m analytics.Model, opts Options) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteModel(&buf, m, opts); err != nil {
		t.Fatalf("Write: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

// header finds the column (0-based) whose header cell in row 2 or 3 is label, starting at column from.
func header(t *testing.T, f *excelize.File, sheet, label string, from int) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:3] {
		for i := from; i < len(r); i++ {
			if r[i] == label {
				return i
			}
		}
	}
	t.Fatalf("%s: no header %q", sheet, label)
	return -1
}

// rowOf is the sheet row number of the first row whose column c reads text, after row after.
func rowOf(t *testing.T, f *excelize.File, sheet string, c int, text string, after int) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i := after; i < len(rows); i++ {
		if c < len(rows[i]) && rows[i][c] == text {
			return i + 1
		}
	}
	t.Fatalf("%s: no row with %q in column %s", sheet, text, col(c))
	return -1
}

func raw(t *testing.T, f *excelize.File, sheet, cell string) float64 {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q, not a number", sheet, cell, v)
	}
	return x
}

func formulaOf(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	s, err := f.GetCellFormula(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func numFmt(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return map[int]string{0: "General", 1: "0", 49: "@"}[st.NumFmt]
}

func TestElectionSheetTotalsAreFormulasWithValues(t *testing.T) {
	s := fakeSummary(1, 3, 4, 1)
	f, _ := writeAndOpen(t, s, Options{})
	sheet := "表1-2 村民委员会选举"
	if got := f.GetSheetList(); !slices.Contains(got, sheet) {
		t.Fatalf("sheets %v lack %s", got, sheet)
	}
	iReg := header(t, f, sheet, "登记选民数", 0)
	iRate := header(t, f, sheet, "参选率", 0)
	iProxy := header(t, f, sheet, "委托投票", 0)
	iFirst := header(t, f, sheet, "一次选举成功", 0)

	// Independent figures from the model's rows.
	var reg, voted, proxy, first float64
	perTownship := map[string]float64{}
	for _, e := range s.Elections {
		if e.Body == analytics.VillagersCommittee {
			reg += e.Registered.V
			voted += e.Voted.V
			proxy += e.ProxyVotes.V
			perTownship[e.Township] += e.Registered.V
			if *e.FirstRound {
				first++
			}
		}
	}
	total := rowOf(t, f, sheet, 0, "合计", 3)
	for _, c := range []struct {
		col  int
		want float64
	}{{iReg, reg}, {iReg + 1, voted}, {iProxy, proxy}, {iFirst, first}} {
		cell := ref(c.col, total)
		if fm := formulaOf(t, f, sheet, cell); !strings.HasPrefix(fm, "SUM(") {
			t.Errorf("%s formula %q, want a SUM of the 小计 rows", cell, fm)
		}
		if got := raw(t, f, sheet, cell); got != c.want {
			t.Errorf("%s cached %v, want %v", cell, got, c.want)
		}
	}
	// The 参选率 is the model's figure (the draft's number), not a formula over the counts above it.
	rate := ref(iRate, total)
	if got, want := raw(t, f, sheet, rate), s.Body(analytics.VillagersCommittee).Participation.Turnout.Current.V/100; math.Abs(got-want) > 1e-12 {
		t.Errorf("total 参选率 %v, want the model's %v", got, want)
	}
	if fm := formulaOf(t, f, sheet, rate); fm != "" {
		t.Errorf("参选率 formula %q, want the model's value", fm)
	}
	if got := numFmt(t, f, sheet, rate); got != "0.0%" {
		t.Errorf("参选率 format %q", got)
	}
	if got := numFmt(t, f, sheet, ref(iReg, 4)); got != "0" {
		t.Errorf("登记选民数 format %q", got)
	}

	// Each township's 小计 is SUM over its own unit rows and holds their sum.
	sub := rowOf(t, f, sheet, 1, "小计", 3)
	township, _ := f.GetCellValue(sheet, ref(0, sub))
	if fm := formulaOf(t, f, sheet, ref(iReg, sub)); fm != "SUM("+ref(iReg, 4)+":"+ref(iReg, sub-1)+")" {
		t.Errorf("小计 formula %q", fm)
	}
	if got := raw(t, f, sheet, ref(iReg, sub)); got != perTownship[township] {
		t.Errorf("%s 小计 %v, want %v", township, got, perTownship[township])
	}
	if fm := formulaOf(t, f, sheet, ref(iFirst, sub)); !strings.HasPrefix(fm, "COUNTIF(") {
		t.Errorf("一次选举成功 小计 formula %q", fm)
	}

	// Title merged across, two-level headers merged.
	merged := map[string]string{}
	mcs, err := f.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mcs {
		merged[m.GetStartAxis()+":"+m.GetEndAxis()] = m.GetCellValue()
	}
	last := col(iFirst)
	for rng, want := range map[string]string{"A1:" + last + "1": s.Scope.County + "2024年村民委员会选举基本情况统计表",
		"A2:A3": "乡镇(街道)", ref(iReg, 2) + ":" + ref(iReg+4, 2): "参选情况", ref(iFirst, 2) + ":" + ref(iFirst, 3): "一次选举成功"} {
		if merged[rng] != want {
			t.Errorf("merge %s = %q, want %q (all: %v)", rng, merged[rng], want, merged)
		}
	}
}

func TestFormulaLikeTextStaysText(t *testing.T) {
	s := fakeSummary(1, 1, 2, 2)
	f, _ := writeAndOpen(t, s, Options{})
	for _, sheet := range []string{"表1-1 村党组织选举", "表4 当选人员名册"} {
		c := header(t, f, sheet, "村(社区)", 0)
		r := rowOf(t, f, sheet, c, `=HYPERLINK("x")村`, 3)
		cell := ref(c, r)
		if fm := formulaOf(t, f, sheet, cell); fm != "" {
			t.Errorf("%s!%s became formula %q", sheet, cell, fm)
		}
		if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeInlineString {
			t.Errorf("%s!%s type %v, want text", sheet, cell, typ)
		}
		if got := numFmt(t, f, sheet, cell); got != "@" {
			t.Errorf("%s!%s format %q, want text (@)", sheet, cell, got)
		}
	}
	checks := "表6 数据核对"
	r := rowOf(t, f, checks, header(t, f, checks, "村(社区)", 0), "-东镇1村2", 2)
	if r == 0 {
		t.Fatal("check row missing")
	}
}

func TestRosterMasksIDNumbers(t *testing.T) {
	s := fakeSummary(1, 2, 2, 3)
	masked := regexp.MustCompile(`^\d{4}\*{10}[0-9X]{4}$`)
	for _, unmasked := range []bool{false, true} {
		f, _ := writeAndOpen(t, s, Options{Unmasked: unmasked})
		sheet := "表4 当选人员名册"
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		data := rows[2:]
		if len(data) != len(s.Roster) {
			t.Fatalf("roster has %d rows, model %d", len(data), len(s.Roster))
		}
		c := header(t, f, sheet, "身份证号", 0)
		for i, r := range data {
			id := r[c]
			if unmasked && id != s.Roster[i].IDNumber {
				t.Fatalf("unmasked row %d id %q, want %q", i+3, id, s.Roster[i].IDNumber)
			}
			if !unmasked && !masked.MatchString(id) {
				t.Fatalf("row %d id %q not masked", i+3, id)
			}
		}
	}
}

func TestStructureSheetTotalsMatchTheScope(t *testing.T) {
	s := fakeSummary(1, 3, 3, 4)
	f, _ := writeAndOpen(t, s, Options{})
	sheet := "表2 成员结构"
	sec := rowOf(t, f, sheet, 0, "三、村“两委”成员（按人数计）", 3)
	total := rowOf(t, f, sheet, 0, "合计", sec)
	iTotal := header(t, f, sheet, "总人数", 0)
	iWomen := header(t, f, sheet, "人数", 0) // 女性·人数 is the first 人数
	iOne := header(t, f, sheet, "一肩挑(个)", 0)
	iAvg := header(t, f, sheet, "平均年龄", 0)
	p := s.TwoCommittees[0]
	for _, c := range []struct {
		col  int
		want float64
	}{{iTotal, p.Persons.Total.Current.V}, {iWomen, p.Persons.Women.Count.Current.V}, {iOne, p.OneShoulder.Count.Current.V}} {
		if got := raw(t, f, sheet, ref(c.col, total)); got != c.want {
			t.Errorf("两委 合计 %s = %v, want %v", ref(c.col, total), got, c.want)
		}
		if fm := formulaOf(t, f, sheet, ref(c.col, total)); fm != "SUM("+ref(c.col, sec+1)+":"+ref(c.col, total-1)+")" {
			t.Errorf("formula %q", fm)
		}
	}
	// The weighted average of the townships' averages is the scope's average to rounding.
	if got, want := raw(t, f, sheet, ref(iAvg, total)), p.Persons.AverageAge.Current.V; math.Abs(got-want) > 0.06*float64(len(s.Breakdown)) {
		t.Errorf("平均年龄 %v, scope %v", got, want)
	}
	if got := numFmt(t, f, sheet, ref(iWomen+1, total)); got != "0.0%" {
		t.Errorf("女性占比 format %q", got)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 3 || panes.XSplit != 1 {
		t.Errorf("panes %+v, %v", panes, err)
	}
}

func TestCompareSheetChanges(t *testing.T) {
	s := fakeSummary(1, 2, 3, 5)
	f, _ := writeAndOpen(t, s, Options{})
	sheet := "表3 与上届对比"
	vc := s.Body(analytics.VillagersCommittee)
	sec := rowOf(t, f, sheet, 0, "三、村民委员会成员", 2)
	r := rowOf(t, f, sheet, 0, "女性占比", sec)
	if got, want := raw(t, f, sheet, ref(3, r)), vc.Members.Women.Share.Change().V; math.Abs(got-want) > 1e-9 {
		t.Errorf("女性占比 change %v, want %v", got, want)
	}
	if unit, _ := f.GetCellValue(sheet, ref(4, r)); unit != "百分点" {
		t.Errorf("unit %q", unit)
	}
	r = rowOf(t, f, sheet, 0, "总人数", sec)
	if got, want := raw(t, f, sheet, ref(3, r)), vc.Members.Total.Change().V; got != want {
		t.Errorf("总人数 change %v, want %v", got, want)
	}
	if fm := formulaOf(t, f, sheet, ref(3, r)); !strings.HasPrefix(fm, "IF(OR(") {
		t.Errorf("change formula %q", fm)
	}
}

func TestPrintSetupAndCharts(t *testing.T) {
	s := fakeSummary(1, 2, 2, 6)
	f, data := writeAndOpen(t, s, Options{})
	titles := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			titles[d.Scope] = d.RefersTo
		}
	}
	for _, sheet := range f.GetSheetList() {
		if sheet == chartSheet {
			continue
		}
		want := "'" + sheet + "'!$2:$3"
		if sheet == "表4 当选人员名册" || sheet == "表5 存在问题的村（社区）名单" || sheet == "表6 数据核对" || sheet == "表3 与上届对比" {
			want = "'" + sheet + "'!$2:$2"
		}
		if titles[sheet] != want {
			t.Errorf("%s print titles %q, want %q", sheet, titles[sheet], want)
		}
		pl, err := f.GetPageLayout(sheet)
		if err != nil || *pl.Orientation != "landscape" || *pl.Size != 9 || *pl.FitToWidth != 1 {
			t.Errorf("%s page layout %+v %v", sheet, pl, err)
		}
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil || hf.OddFooter != "&C第&P页 共&N页" {
			t.Errorf("%s footer %+v %v", sheet, hf, err)
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	charts := map[string]string{}
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			r, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			if _, err := io.Copy(&b, r); err != nil {
				t.Fatal(err)
			}
			r.Close()
			charts[zf.Name] = html.UnescapeString(b.String())
		}
	}
	if len(charts) != 3 {
		t.Fatalf("%d charts, want 3 (age, education, women by township)", len(charts))
	}
	// The age chart reads the age bands of 村“两委” in 表3, both terms; the women chart reads the
	// 两委 section's 女性占比 in 表2.
	compare := "表3 与上届对比"
	sec := rowOf(t, f, compare, 0, "三、村民委员会成员", 2)
	sec = rowOf(t, f, compare, 0, "四、村“两委”成员（按人数计）", sec)
	band := rowOf(t, f, compare, 0, "35岁及以下", sec)
	want := fmt.Sprintf("'%s'!$A$%d:$A$%d", compare, band, band+3)
	wantPrev := fmt.Sprintf("'%s'!$C$%d:$C$%d", compare, band, band+3)
	if c := charts["xl/charts/chart1.xml"]; !strings.Contains(c, want) || !strings.Contains(c, wantPrev) {
		t.Errorf("age chart does not read %s and %s", want, wantPrev)
	}
	structure := "表2 成员结构"
	sec = rowOf(t, f, structure, 0, "三、村“两委”成员（按人数计）", 3)
	women := header(t, f, structure, "人数", 0) + 1
	want = fmt.Sprintf("'%s'!$%s$%d:$%s$%d", structure, col(women), sec+1, col(women), sec+len(s.Breakdown))
	if c := charts["xl/charts/chart3.xml"]; !strings.Contains(c, want) {
		t.Errorf("women chart does not read %s", want)
	}
}

func TestProvinceScopeHasCountyColumn(t *testing.T) {
	s := fakeSummary(2, 2, 2, 7)
	f, _ := writeAndOpen(t, s, Options{})
	sheet := "表1-1 村党组织选举"
	if v, _ := f.GetCellValue(sheet, "A2"); v != "县(市、区)" {
		t.Errorf("A2 = %q", v)
	}
	total := rowOf(t, f, sheet, 0, "合计", 3)
	iReg := header(t, f, sheet, "应到人数", 0)
	want := registeredSum(s, analytics.PartyBranch)
	if got := raw(t, f, sheet, ref(iReg, total)); got != want {
		t.Errorf("province 应到人数 %v, want %v", got, want)
	}
}

func TestWriteCSV(t *testing.T) {
	s := fakeSummary(1, 2, 2, 8)
	dir := t.TempDir()
	paths, err := WriteCSV(electsum.Output{}, dir, s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 7 {
		t.Fatalf("wrote %v", paths)
	}
	b, err := os.ReadFile(filepath.Join(dir, "表1-2 村民委员会选举.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\uFEFF")) {
		t.Fatal("no byte-order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[0][2] != "参选情况·登记选民数" || recs[0][4] != "参选情况·参选率(%)" {
		t.Errorf("header %v", recs[0])
	}
	if recs[1][1] != `'=HYPERLINK("x")村` {
		t.Errorf("formula-like unit written as %q", recs[1][1])
	}
	last := recs[len(recs)-1]
	var reg float64
	for _, e := range s.Elections {
		if e.Body == analytics.VillagersCommittee {
			reg += e.Registered.V
		}
	}
	if last[0] != "合计" || last[2] != strconv.Itoa(int(reg)) {
		t.Errorf("total row %v, want 登记选民数 %v", last, reg)
	}
}

func TestOneTownshipHasNoSubtotal(t *testing.T) {
	s := fakeSummary(1, 1, 3, 9)
	s.Level, s.Scope.Township = analytics.LevelTownship, "东镇1"
	f, _ := writeAndOpen(t, s, Options{})
	sheet := "表1-2 村民委员会选举"
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3+3+1 {
		t.Fatalf("%d rows, want title, 2 header rows, 3 units and 合计: %v", len(rows), rows)
	}
	iReg := header(t, f, sheet, "登记选民数", 0)
	if fm := formulaOf(t, f, sheet, ref(iReg, 7)); fm != "SUM("+ref(iReg, 4)+":"+ref(iReg, 6)+")" {
		t.Errorf("合计 formula %q", fm)
	}
	if v, _ := f.GetCellValue("表2 成员结构", "A2"); v != "村(社区)" {
		t.Errorf("表2 breakdown column %q, want 村(社区) at township scope", v)
	}
}

func TestEmptySummaryStillWrites(t *testing.T) {
	f, _ := writeAndOpen(t, &analytics.Summary{Year: 2024, Level: analytics.LevelCounty, Scope: analytics.Scope{County: "空县", Year: 2024}}, Options{})
	want := []string{"表1 存在问题的村（社区）名单", "表2 数据核对"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	if v, _ := f.GetCellValue("表2 数据核对", "B3"); v != "未发现问题" {
		t.Errorf("表2 B3 = %q", v)
	}
}

// Past some 1,300 townships, a SUM of every 小计 would pass Excel's 8,192-character formula limit.
func TestManyTownshipsTotalStaysUnderFormulaLimit(t *testing.T) {
	s := fakeSummary(1, 1500, 1, 10)
	f, _ := writeAndOpen(t, s, Options{})
	sheet := "表1-2 村民委员会选举"
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	total := len(rows)
	iReg := header(t, f, sheet, "登记选民数", 0)
	fm := formulaOf(t, f, sheet, ref(iReg, total))
	if len(fm) > 8192 || !strings.HasPrefix(fm, "SUMIF(") {
		t.Errorf("合计 formula of %d characters: %.60s…", len(fm), fm)
	}
	want := registeredSum(s, analytics.VillagersCommittee)
	if got := raw(t, f, sheet, ref(iReg, total)); got != want {
		t.Errorf("合计 %v, want %v", got, want)
	}
}

// TestLongMessagesGetTallRows: a 数据核对 row whose 问题说明 wraps is tall enough for all its lines (a
// streamed row kept the default height, so the sheet showed one line of a long message), and a short
// row keeps the default height.
func TestLongMessagesGetTallRows(t *testing.T) {
	s := fakeSummary(1, 2, 2, 3)
	long := strings.Repeat("应到会99人，实到会76人（76.8%），未超过五分之四，会议无效；", 6)
	s.Checks = []analytics.Check{
		{Rule: "party_quorum", Severity: "违规", UnitRef: analytics.UnitRef{Township: "东镇", Unit: "长村"}, Year: 2024, Body: analytics.PartyBranch, Message: long},
		{Rule: "note", Severity: "提示", UnitRef: analytics.UnitRef{Township: "东镇", Unit: "短村"}, Year: 2024, Message: "短"},
	}
	f, _ := writeAndOpen(t, s, Options{})
	sheet := "表6 数据核对"
	c := header(t, f, sheet, "问题说明", 0)
	width, err := f.GetColWidth(sheet, col(c))
	if err != nil {
		t.Fatal(err)
	}
	lines := (runewidth.StringWidth(long) + int(width) - 1) / int(width)
	if lines < 3 {
		t.Fatalf("test message wraps to %d lines only (column width %.0f)", lines, width)
	}
	tall := rowOf(t, f, sheet, header(t, f, sheet, "村(社区)", 0), "长村", 2)
	h, err := f.GetRowHeight(sheet, tall)
	if err != nil {
		t.Fatal(err)
	}
	if h < float64(lines)*12 {
		t.Errorf("row %d of a %d-line message is %.1f pt high", tall, lines, h)
	}
	short := rowOf(t, f, sheet, header(t, f, sheet, "村(社区)", 0), "短村", 2)
	if h, _ := f.GetRowHeight(sheet, short); h > 20 {
		t.Errorf("row %d of a one-line message is %.1f pt high", short, h)
	}
}

// TestChartsPrintOnePerPageWithDarkAxes: each chart of 图表 after the first starts a printed page (two
// were taller than a landscape A4 page, cutting the second's legend off), and every axis is labelled in
// black (the applications' default grey was barely legible on paper).
func TestChartsPrintOnePerPageWithDarkAxes(t *testing.T) {
	_, data := writeAndOpen(t, fakeSummary(1, 2, 2, 6), Options{})
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	read := func(zf *zip.File) string {
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	charts, breaks := 0, -1
	for _, zf := range zr.File {
		text := read(zf)
		switch {
		case strings.HasPrefix(zf.Name, "xl/charts/chart"):
			charts++
			for _, ax := range []string{"catAx", "valAx"} {
				i := strings.Index(text, "<"+ax+">")
				j := strings.Index(text, "</"+ax+">")
				if i < 0 || j < i || !strings.Contains(text[i:j], `<a:srgbClr val="000000"`) {
					t.Errorf("%s: %s not labelled in black", zf.Name, ax)
				}
			}
		case strings.HasPrefix(zf.Name, "xl/worksheets/") && strings.Contains(text, "<drawing "):
			breaks = strings.Count(text, "<brk ")
		}
	}
	if charts != 3 || breaks != charts-1 {
		t.Errorf("%d charts, %d page breaks on their sheet; want 3 and 2", charts, breaks)
	}
}

// registeredSum is Σ 登记选民 (应到 for a party body) over s's elections of b: what the 合计 row of b's
// sheet sums.
func registeredSum(s *analytics.Summary, b analytics.Body) float64 {
	var sum float64
	for _, e := range s.Elections {
		if e.Body == b {
			sum += e.Registered.V
		}
	}
	return sum
}

// Issue 9/10: the annex has the sheets the model has figures for, numbered as the draft's 附件 lists
// them (reports.AnnexSheets). A county that sent this term's results without its members sheets got
// 表2 成员结构 with 0 members per township, an empty 表4 当选人员名册, and 总人数 0 in 表3.
func TestAnnexWithoutRosterHasNoMembersSheets(t *testing.T) {
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 2, 4
	db := loadedCounty(t, cfg)
	if _, err := db.Exec("DELETE FROM members WHERE year = 2024"); err != nil {
		t.Fatal(err)
	}
	s, err := analytics.Summarize(context.Background(), db, analytics.Scope{County: "示例县", Year: 2024}, fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	f, _ := writeAndOpen(t, s, Options{})
	var rest []string
	for _, sheet := range f.GetSheetList() {
		if !strings.HasPrefix(sheet, "表1-") {
			rest = append(rest, sheet)
		}
	}
	if want := []string{"表2 与上届对比", "表3 存在问题的村（社区）名单", "表4 数据核对"}; !slices.Equal(rest, want) {
		t.Errorf("sheets after 表1: %v, want %v", rest, want)
	}
	rows, err := f.GetRows("表2 与上届对比")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) > 0 && (r[0] == "总人数" || strings.Contains(r[0], "成员")) {
			t.Errorf("表2 与上届对比 has a members' row without a roster: %v", r)
		}
	}
}

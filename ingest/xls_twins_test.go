package ingest_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"electsum/ingest"
	"electsum/ingest/synth"
)

// The .xls fixtures under testdata/xls are twins: each .xlsx is written here (by excelize, as townships'
// workbooks are), and its .xls was made from it by LibreOffice, once, with
//
//	go test ./ingest -run TestXLSTwins -regen-xls     # needs soffice (apt-get install libreoffice-calc)
//
// The test then proves that each .xls loads to exactly the rows, and the problems, of its .xlsx.
var regenXLS = flag.Bool("regen-xls", false, "rewrite testdata/xls: the .xlsx twins, and their .xls copies with LibreOffice")

const twinsDir = "testdata/xls"

func TestXLSTwins(t *testing.T) {
	if *regenXLS {
		writeTwins(t)
	}
	xlsx, err := filepath.Glob(filepath.Join(twinsDir, "*.xlsx"))
	if err != nil || len(xlsx) < 3 {
		t.Fatalf("fixtures missing in %s (%v): run go test ./ingest -run TestXLSTwins -regen-xls", twinsDir, err)
	}
	for _, x := range xlsx {
		name := strings.TrimSuffix(filepath.Base(x), ".xlsx")
		t.Run(name, func(t *testing.T) {
			want := parseTwin(t, x)
			got := parseTwin(t, strings.TrimSuffix(x, ".xlsx")+".xls")
			if len(want.Results)+len(want.Members) == 0 {
				t.Fatal("the twin has no rows: a test that cannot fail")
			}
			compareTwins(t, want, got)
			// A WPS .et is the same container and records: read by content, whatever the name.
			et := filepath.Join(t.TempDir(), name+".et")
			data, err := os.ReadFile(strings.TrimSuffix(x, ".xlsx") + ".xls")
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(et, data, 0o644)
			compareTwins(t, want, parseTwin(t, et))
		})
	}
}

// parseTwin parses a fixture and blanks the file name, the only thing twins differ in.
func parseTwin(t *testing.T, path string) *ingest.Parsed {
	t.Helper()
	p, err := ingest.ParseFile(path, ingest.ParseOptions{County: "示例县"})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for i := range p.Results {
		p.Results[i].File = ""
	}
	for i := range p.Members {
		p.Members[i].File = ""
	}
	for i := range p.Problems {
		p.Problems[i].File = ""
	}
	p.Path, p.SHA256 = "", ""
	return p
}

func compareTwins(t *testing.T, want, got *ingest.Parsed) {
	t.Helper()
	if len(got.Results) != len(want.Results) || len(got.Members) != len(want.Members) || len(got.Problems) != len(want.Problems) {
		t.Errorf("xls read %d results, %d members, %d problems; xlsx %d, %d, %d", len(got.Results), len(got.Members), len(got.Problems),
			len(want.Results), len(want.Members), len(want.Problems))
	}
	for i := range min(len(got.Results), len(want.Results)) {
		if !reflect.DeepEqual(got.Results[i], want.Results[i]) {
			t.Errorf("result %d:\nxls  %s\nxlsx %s", i, show(got.Results[i]), show(want.Results[i]))
		}
	}
	for i := range min(len(got.Members), len(want.Members)) {
		if !reflect.DeepEqual(got.Members[i], want.Members[i]) {
			t.Errorf("member %d:\nxls  %s\nxlsx %s", i, show(got.Members[i]), show(want.Members[i]))
		}
	}
	for i := range min(len(got.Problems), len(want.Problems)) {
		if got.Problems[i] != want.Problems[i] {
			t.Errorf("problem %d:\nxls  %+v\nxlsx %+v", i, got.Problems[i], want.Problems[i])
		}
	}
}

// show prints a row with its pointers followed.
func show(v any) string {
	rv := reflect.ValueOf(v)
	var b strings.Builder
	for i := range rv.NumField() {
		f := rv.Field(i)
		if f.Kind() == reflect.Pointer && !f.IsNil() {
			f = f.Elem()
		}
		fmt.Fprintf(&b, "%s=%v ", rv.Type().Field(i).Name, f.Interface())
	}
	return b.String()
}

// writeTwins writes the .xlsx fixtures and converts each to .xls with LibreOffice.
func writeTwins(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal("-regen-xls needs LibreOffice: apt-get install libreoffice-calc")
	}
	os.RemoveAll(twinsDir)
	if err := os.MkdirAll(twinsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	// Generated townships, messy the way real ones are: title rows, merged township cells, 合计 rows,
	// alias headers, numbers as text, Traditional script.
	cfg := synth.County()
	cfg.Seed, cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 17, 4, 3
	cfg.TraditionalShare = 0.5
	tmp := t.TempDir()
	paths, err := synth.WriteWorkbooks(synth.Generate(cfg), tmp)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(twinsDir, fmt.Sprintf("township%d.xlsx", i+1)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeFeatures(t, filepath.Join(twinsDir, "features.xlsx"))
	xlsx, _ := filepath.Glob(filepath.Join(twinsDir, "*.xlsx"))
	abs, _ := filepath.Abs(twinsDir)
	args := append([]string{"--headless", "--convert-to", "xls", "--outdir", abs}, xlsx...)
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir()) // a profile of its own: no clash with a running LibreOffice
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, x := range xlsx {
		if _, err := os.Stat(strings.TrimSuffix(x, ".xlsx") + ".xls"); errors.Is(err, os.ErrNotExist) {
			t.Fatalf("soffice did not write the .xls of %s", x)
		}
	}
}

// writeFeatures writes a workbook with what the generated ones lack: real date cells (a built-in
// and a Chinese custom format), booleans, a two-row merged header, notes under the table, a hidden
// sheet of data, more shared strings than one record holds, and rows with errors and warnings (so that
// messages and cell references are compared too).
func writeFeatures(t *testing.T, path string) {
	f := excelize.NewFile()
	defer f.Close()
	const res = "选举结果"
	f.SetSheetName("Sheet1", res)
	f.SetCellValue(res, "A1", "城关镇2024年村级组织换届选举结果统计表")
	f.MergeCell(res, "A1", "L1")
	f.SetSheetRow(res, "A2", &[]any{"乡镇", "村(社区)", "年份", "选举类型", "登记选民数", "参加投票人数", "选票", nil, "应选职数", "当选人数", "选举日期", "一次选举成功"})
	f.SetSheetRow(res, "G3", &[]any{"有效票数", "无效票数"})
	for _, col := range []string{"A", "B", "C", "D", "E", "F", "I", "J", "K", "L"} {
		f.MergeCell(res, col+"2", col+"3")
	}
	f.MergeCell(res, "G2", "H2")
	isoDate, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	cn := `yyyy"年"m"月"d"日"`
	cnDate, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &cn})
	row := 4
	for i := range 30 {
		unit := fmt.Sprintf("第%d村（原%s片区）", i+1, strings.Repeat("东西南北"[i%4*3:i%4*3+3], 2))
		for j, body := range []string{"村党组织", "村民委员会"} {
			registered, voted := 800+17*i, 700+13*i
			if i == 7 && j == 1 {
				voted = registered + 5 // an error: more voters than registered
			}
			d := time.Date(2024, 3, 1+i%28, 0, 0, 0, 0, time.UTC)
			f.SetSheetRow(res, fmt.Sprintf("A%d", row), &[]any{"城关镇", unit, 2024, body, registered, voted, voted - 3, 3, 3, 3, d, i%5 != 0})
			st := isoDate
			if i%2 == 1 {
				st = cnDate
			}
			f.SetCellStyle(res, fmt.Sprintf("K%d", row), fmt.Sprintf("K%d", row), st)
			row++
		}
	}
	f.MergeCell(res, "A4", fmt.Sprintf("A%d", row-1))
	f.SetCellValue(res, fmt.Sprintf("A%d", row+1), "填表说明：登记选民数以选民榜公布为准；本表一式两份。")
	f.SetCellValue(res, fmt.Sprintf("A%d", row+2), "填表人：张三　审核人：李四")

	const mem = "當選人員"
	f.NewSheet(mem)
	f.SetSheetRow(mem, "A1", &[]any{"鄉鎮", "村(社區)", "年份", "選舉類型", "姓名", "職務", "性別", "出生年月", "民族", "政治面貌", "學歷", "是否連任", "備註"})
	birth, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy.mm")})
	names := []rune("赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜")
	r := 2
	for i := range 30 {
		unit := fmt.Sprintf("第%d村（原%s片区）", i+1, strings.Repeat("东西南北"[i%4*3:i%4*3+3], 2))
		for j, body := range []string{"村黨組織", "村民委員會"} {
			for k, pos := range []string{[]string{"書記", "主任"}[j], "委員", "委員"} {
				n := 3*j + k
				born := time.Date(1960+(i*3+n)%30, time.Month(1+(i+n)%12), 1, 0, 0, 0, 0, time.UTC)
				name := string(names[(i+n)%len(names)]) + string(names[(i*7+n*3)%len(names)]) + string(names[(i*5+n)%len(names)])
				gender := []string{"男", "女"}[(i+n)%2]
				var edu any = []string{"大學本科", "大專", "高中", "初中"}[(i+n)%4]
				if i == 11 && n == 2 {
					edu = "博士后" // an error: not one of the values
				}
				var born2 any = born
				if i == 13 && n == 0 {
					born2 = "1975年13月" // an error: no such month
				}
				// Unique text in every row, so that the shared strings fill more than one record.
				note := fmt.Sprintf("第%d行：%s同志任职前在本村从事%s工作，群众基础较好", r, name, []string{"种植", "养殖", "运输", "教育", "医疗"}[n%5])
				f.SetSheetRow(mem, fmt.Sprintf("A%d", r), &[]any{"城关镇", unit, 2024, body, name, pos, gender, born2, "汉族", "中共黨員", edu, (i+n)%3 == 0, note})
				if _, ok := born2.(time.Time); ok {
					f.SetCellStyle(mem, fmt.Sprintf("H%d", r), fmt.Sprintf("H%d", r), birth)
				}
				r++
			}
		}
	}

	// A hidden sheet: data a township did not mean to send (an old copy), skipped with a notice.
	const old = "旧表"
	f.NewSheet(old)
	f.SetSheetRow(old, "A1", &[]any{"乡镇", "村", "年份", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数"})
	f.SetSheetRow(old, "A2", &[]any{"城关镇", "第1村", 2021, "村民委员会", 1, 2, 3, 4})
	f.SetSheetVisible(old, false)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }

// TestLoadXLSFolder loads a folder of .xls and .et workbooks through Load, as `electsum ingest 文件夹/`
// does, and finds in the database exactly the rows of the same workbooks as .xlsx.
func TestLoadXLSFolder(t *testing.T) {
	ctx := context.Background()
	xlsxDir, xlsDir := t.TempDir(), t.TempDir()
	twins, _ := filepath.Glob(filepath.Join(twinsDir, "township*.xlsx"))
	if len(twins) == 0 {
		t.Fatal("no township fixtures")
	}
	for i, x := range twins {
		name := strings.TrimSuffix(filepath.Base(x), ".xlsx")
		copyFile(t, x, filepath.Join(xlsxDir, name+".xlsx"))
		ext := ".xls"
		if i%2 == 1 {
			ext = ".et" // what WPS saves
		}
		copyFile(t, strings.TrimSuffix(x, ".xlsx")+".xls", filepath.Join(xlsDir, "乡镇", name+ext))
	}
	copyFile(t, twins[0], filepath.Join(xlsDir, "乡镇", "~$"+filepath.Base(twins[0]))) // Excel's lock file: skipped
	dump := func(dir string) (string, *ingest.Report) {
		db := openDB(t)
		rep, err := ingest.Load(ctx, db, []string{dir}, ingest.LoadOptions{County: "示例县"})
		if err != nil {
			t.Fatalf("load %s: %v", dir, err)
		}
		var b strings.Builder
		for _, q := range []string{
			`SELECT * EXCLUDE (source_file) FROM elections ORDER BY ALL`,
			`SELECT * EXCLUDE (source_file) FROM members ORDER BY ALL`,
			`SELECT * FROM units ORDER BY ALL`,
		} {
			b.WriteString(queryText(t, db, q))
		}
		return b.String(), rep
	}
	want, wantRep := dump(xlsxDir)
	got, gotRep := dump(xlsDir)
	if len(gotRep.Files) != len(twins) || gotRep.Loaded != len(twins) {
		t.Fatalf("loaded %d of %d files: %+v", gotRep.Loaded, len(gotRep.Files), gotRep.Files)
	}
	if gotRep.ResultRows != wantRep.ResultRows || gotRep.MemberRows != wantRep.MemberRows || wantRep.MemberRows == 0 {
		t.Errorf("rows: xls %d+%d, xlsx %d+%d", gotRep.ResultRows, gotRep.MemberRows, wantRep.ResultRows, wantRep.MemberRows)
	}
	if got != want {
		t.Errorf("the database differs:\nxls:\n%s\nxlsx:\n%s", got, want)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

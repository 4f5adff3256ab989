package main

import (
	"archive/zip"
	"database/sql"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func count(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n sql.NullInt64
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return int(n.Int64)
}

// section returns the text of the report from the heading containing title to the next heading.
func section(t *testing.T, md, title string) string {
	t.Helper()
	i := strings.Index(md, title)
	if i < 0 {
		t.Fatalf("report has no section %q:\n%s", title, md)
	}
	rest := md[i:]
	if j := strings.Index(rest[len(title):], "\n#"); j >= 0 {
		return rest[:len(title)+j]
	}
	return rest
}

// number finds the one number the pattern's group captures in text.
func number(t *testing.T, text, pattern string) int {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no match for %s in:\n%s", pattern, text)
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestReport(t *testing.T) {
	dbPath, db := generatedDB(t, 3, 5)
	out := t.TempDir()

	t.Run("county by default, every format", func(t *testing.T) {
		code, stdout, stderr := runCLI(t, "report", "--db", dbPath, "--year", "2024", "--format", "md,html,docx,json", "-o", out)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, ext := range []string{".md", ".html", ".docx", ".json"} {
			p := filepath.Join(out, "示例县2024年村（社区）两委换届选举工作总结"+ext)
			if !strings.Contains(stdout, p) {
				t.Errorf("stdout does not list %s:\n%s", p, stdout)
			}
			if _, err := os.Stat(p); err != nil {
				t.Error(err)
			}
		}
		md, _ := os.ReadFile(filepath.Join(out, "示例县2024年村（社区）两委换届选举工作总结.md"))
		for _, want := range []string{"# 示例县2024年村（社区）“两委”换届选举工作总结", "全县3个乡镇（街道）", "现将有关情况总结如下：", "## 三、取得的成效", "附件："} {
			if !strings.Contains(string(md), want) {
				t.Errorf("county report lacks %q", want)
			}
		}
		var view struct {
			Level   string `json:"level"`
			Summary struct {
				Year         int `json:"year"`
				PreviousYear int `json:"previous_year"`
			} `json:"summary"`
		}
		b, _ := os.ReadFile(filepath.Join(out, "示例县2024年村（社区）两委换届选举工作总结.json"))
		if err := json.Unmarshal(b, &view); err != nil || view.Level != "county" || view.Summary.PreviousYear != 2021 {
			t.Errorf("json view: %+v, %v", view, err)
		}
	})

	township := ""
	if err := db.QueryRow(`SELECT township FROM elections WHERE year = 2024 AND body = '村民委员会'
		GROUP BY township ORDER BY count(*) DESC, township LIMIT 1`).Scan(&township); err != nil {
		t.Fatal(err)
	}

	t.Run("township numbers equal SQL counts", func(t *testing.T) {
		code, _, stderr := runCLI(t, "report", "--db", dbPath, "--year", "2024", "--township", township, "--format", "md", "--script", "hans", "-o", out)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		files, _ := filepath.Glob(filepath.Join(out, township+"2024年*.md"))
		if len(files) != 1 {
			t.Fatalf("township report files: %v", files)
		}
		b, _ := os.ReadFile(files[0])
		md := string(b)
		where := `year = 2024 AND township = ?`
		for _, body := range []string{"村党组织", "村民委员会"} {
			head := map[string]string{"村党组织": "书记", "村民委员会": "主任"}[body]
			sec := section(t, md, "）"+body+"换届选举结果")
			members := func(cond string) int {
				return count(t, db, `SELECT count(*) FROM members WHERE `+where+` AND body = ? AND `+cond, township, body)
			}
			party := members("party IN ('中共党员', '中共预备党员')")
			if body == "村党组织" {
				party = -1 // all are party members; the report does not say so
			}
			checks := []struct {
				what    string
				pattern string
				want    int // -1: the report must not print it
			}{
				{"units", `(\d+)个村完成(?:第[一二三四五六七八九十百]+届)?` + body, count(t, db, `SELECT count(*) FROM elections WHERE `+where+` AND body = ?`, township, body)},
				{"members", `共选出` + body + `成员(\d+)人`, members("true")},
				{"women", `其中，女性(\d+)人`, members("gender = '女'")},
				{"party members", `；中共党员(\d+)人`, party},
				{"minorities", `少数民族(\d+)人`, members("ethnicity <> '汉族'")},
				{"college", `从文化程度看，大专及以上(\d+)人`, members("education IN ('研究生', '大学本科', '大学专科')")},
				{"heads", `(\d+)名` + head + `中`, members("position = '" + head + "'")},
				{"registered", `(?:登记选民|应到会党员)(\d+)人`, count(t, db, `SELECT sum(registered) FROM elections WHERE `+where+` AND body = ?`, township, body)},
				{"voted", `(?:参加投票|实到)(\d+)人`, count(t, db, `SELECT sum(voted) FROM elections WHERE `+where+` AND body = ?`, township, body)},
				{"seats", `应选职数(\d+)名`, count(t, db, `SELECT sum(seats) FROM elections WHERE `+where+` AND body = ?`, township, body)},
			}
			for _, c := range checks {
				if !regexp.MustCompile(c.pattern).MatchString(sec) && c.want <= 0 {
					continue // a clause whose count is zero (or not meant) is left out
				}
				if got := number(t, sec, c.pattern); got != c.want {
					t.Errorf("%s %s: report says %d, SQL counts %d", body, c.what, got, c.want)
				}
			}
		}
		two := section(t, md, "村“两委”交叉任职和“一肩挑”情况")
		oneShoulder := count(t, db, `SELECT count(*) FROM members s JOIN members d
			ON s.county = d.county AND s.township = d.township AND s.unit = d.unit AND s.year = d.year AND s.person_key = d.person_key
			WHERE s.year = 2024 AND s.township = ? AND s.body = '村党组织' AND s.position = '书记' AND d.body = '村民委员会' AND d.position = '主任'`, township)
		if oneShoulder > 0 {
			if got := number(t, two, `(\d+)个村均?实现党组织书记、村民委员会主任“一肩挑”`); got != oneShoulder {
				t.Errorf("一肩挑: report says %d, SQL counts %d", got, oneShoulder)
			}
		}
		persons := count(t, db, `SELECT count(DISTINCT person_key) FROM members WHERE year = 2024 AND township = ? AND body IN ('村党组织', '村民委员会')`, township)
		if got := number(t, section(t, md, "村“两委”成员结构情况"), `村“两委”成员共(\d+)人`); got != persons {
			t.Errorf("两委 persons: report says %d, SQL counts %d", got, persons)
		}
		for _, bad := range []string{"NaN", "，，", "，。", "0个村参选率"} {
			if strings.Contains(md, bad) {
				t.Errorf("report contains %q", bad)
			}
		}
	})

	t.Run("all townships", func(t *testing.T) {
		dir := t.TempDir()
		code, stdout, stderr := runCLI(t, "report", "--db", dbPath, "--year", "2024", "--all-townships", "--format", "md", "-o", dir)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if n := strings.Count(stdout, ".md"); n != 4 {
			t.Errorf("wrote %d reports, want the county's and 3 townships':\n%s", n, stdout)
		}
	})

	t.Run("docx at township and unit level", func(t *testing.T) {
		var unit string
		if err := db.QueryRow(`SELECT unit FROM elections WHERE year = 2024 AND township = ? AND body = '村民委员会' ORDER BY unit LIMIT 1`, township).Scan(&unit); err != nil {
			t.Fatal(err)
		}
		for _, scope := range [][]string{{"--township", township}, {"--township", township, "--unit", unit}} {
			dir := t.TempDir()
			args := append([]string{"report", "--db", dbPath, "--year", "2024", "--format", "docx,md", "-o", dir}, scope...)
			code, stdout, stderr := runCLI(t, args...)
			if code != 0 {
				t.Fatalf("%v: exit %d: %s", scope, code, stderr)
			}
			paths := strings.Fields(stdout)
			if len(paths) != 2 || !strings.HasSuffix(paths[0], ".docx") || !strings.HasSuffix(paths[1], ".md") {
				t.Fatalf("%v wrote %v", scope, paths)
			}
			md, _ := os.ReadFile(paths[1])
			text := docxText(t, paths[0])
			if !strings.Contains(text, scope[len(scope)-1]) {
				t.Errorf("%v: document.xml does not name %s", scope, scope[len(scope)-1])
			}
			for _, f := range regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?%?`).FindAllString(string(md), -1) {
				i := strings.Index(text, f)
				if i < 0 {
					t.Fatalf("%v: figure %s of the Markdown draft is not in the .docx (in order)", scope, f)
				}
				text = text[i+len(f):]
			}
		}
	})

	t.Run("unit level and hant script", func(t *testing.T) {
		var unit string
		if err := db.QueryRow(`SELECT unit FROM elections WHERE year = 2024 AND township = ? AND body = '村民委员会' ORDER BY unit LIMIT 1`, township).Scan(&unit); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		code, stdout, stderr := runCLI(t, "report", "--db", dbPath, "--year", "2024", "--township", township, "--unit", unit, "--script", "hant", "--format", "md", "-o", dir)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(strings.TrimSpace(stdout))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "選舉") || strings.Contains(string(b), "选举") {
			t.Errorf("hant report is not in Traditional script:\n%.400s", b)
		}
		if !strings.Contains(string(b), unit) {
			t.Errorf("hant report does not name %s as written", unit)
		}
		if code, _, _ := runCLI(t, "report", "--db", dbPath, "--year", "2024", "--script", "tw", "-o", dir); code != 2 {
			t.Errorf("--script tw: exit %d, want 2 (Taiwan phrasing is not offered)", code)
		}
	})

	t.Run("level overrides the template", func(t *testing.T) {
		dir := t.TempDir()
		code, stdout, stderr := runCLI(t, "report", "--db", dbPath, "--year", "2024", "--township", township, "--level", "unit", "--format", "md", "-o", dir)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		md, _ := os.ReadFile(strings.TrimSpace(stdout))
		if !strings.Contains(string(md), "村民委员会选举于") || strings.Contains(string(md), "## 三、取得的成效") {
			t.Errorf("--level unit did not use the unit template:\n%.500s", md)
		}
		if code, _, _ := runCLI(t, "report", "--db", dbPath, "--year", "2024", "--level", "province"); code != 2 {
			t.Errorf("bad level: exit %d", code)
		}
	})

	t.Run("config from report init", func(t *testing.T) {
		dir := t.TempDir()
		cfg := filepath.Join(dir, "report.toml")
		if code, _, stderr := runCLI(t, "report", "init", "-o", cfg); code != 0 {
			t.Fatalf("init exit %d: %s", code, stderr)
		}
		if code, _, _ := runCLI(t, "report", "init", "-o", cfg); code != 2 {
			t.Errorf("init over an existing file exited %d, want 2", code)
		}
		b, _ := os.ReadFile(cfg)
		b = append(b, []byte("\n[[practices]]\nheading = \"压实工作责任\"\ntext = \"县级领导分片联系乡镇。\"\n")...)
		os.WriteFile(cfg, b, 0o644)
		code, stdout, stderr := runCLI(t, "report", "--db", dbPath, "--year", "2024", "--config", cfg, "--format", "md", "-o", dir)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		md, _ := os.ReadFile(strings.TrimSpace(stdout))
		if !strings.Contains(string(md), "（一）压实工作责任。县级领导分片联系乡镇。") || !strings.Contains(string(md), "根据《中华人民共和国村民委员会组织法》") {
			t.Errorf("config not applied:\n%.600s", md)
		}
		os.WriteFile(cfg, []byte("titel = \"x\"\n"), 0o644)
		code, _, stderr = runCLI(t, "report", "--db", dbPath, "--year", "2024", "--config", cfg, "-o", dir)
		if code != 1 || !strings.Contains(stderr, "titel") || !strings.Contains(stderr, "建议") {
			t.Errorf("unknown config key: exit %d, %s", code, stderr)
		}
	})

	t.Run("exported templates, adapted and broken", func(t *testing.T) {
		dir := t.TempDir()
		tdir := filepath.Join(dir, "tmpl")
		if code, _, stderr := runCLI(t, "templates", "export", tdir); code != 0 {
			t.Fatalf("export exit %d: %s", code, stderr)
		}
		p := filepath.Join(tdir, "county.md.tmpl")
		b, _ := os.ReadFile(p)
		os.WriteFile(p, []byte(strings.Replace(string(b), `{{template "title" .}}`, "# {{.Place}}换届选举情况报告", 1)), 0o644)
		code, stdout, stderr := runCLI(t, "report", "--db", dbPath, "--year", "2024", "--templates", tdir, "--format", "md", "-o", dir)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		md, _ := os.ReadFile(strings.TrimSpace(stdout))
		if !strings.HasPrefix(string(md), "# 示例县换届选举情况报告\n") {
			t.Errorf("adapted template not used:\n%.200s", md)
		}
		os.WriteFile(filepath.Join(tdir, "sections.md.tmpl"), []byte("{{define \"title\"}}\n\n{{.Titel}}{{end}}"), 0o644)
		os.WriteFile(p, b, 0o644)
		code, _, stderr = runCLI(t, "report", "--db", dbPath, "--year", "2024", "--templates", tdir, "--format", "md", "-o", dir)
		if code != 1 || !strings.Contains(stderr, "sections.md.tmpl 第3行") {
			t.Errorf("broken template: exit %d, stderr %s", code, stderr)
		}
	})

	t.Run("usage errors", func(t *testing.T) {
		if code, _, stderr := runCLI(t, "report", "--db", dbPath); code != 2 || !strings.Contains(stderr, "--year") {
			t.Errorf("no year: exit %d, %s", code, stderr)
		}
		if code, _, _ := runCLI(t, "report", "--db", dbPath, "--year", "2024", "--format", "pdf"); code != 2 {
			t.Errorf("bad format: exit %d", code)
		}
		if code, _, _ := runCLI(t, "report", "--db", dbPath, "--year", "2024", "--script", "latin"); code != 2 {
			t.Errorf("bad script: exit %d", code)
		}
		code, _, stderr := runCLI(t, "report", "--db", filepath.Join(t.TempDir(), "none.duckdb"), "--year", "2024")
		if code != 1 || !strings.Contains(stderr, "electsum ingest") {
			t.Errorf("missing db: exit %d, %s", code, stderr)
		}
	})
}

// docxText is the text of a .docx's document.xml with the markup removed.
func docxText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%s is not a .docx: %v", path, err)
	}
	defer zr.Close()
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(b), "")
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"electsum/ingest/synth"
)

// TestCommunityPartyKindIsAskedFor: the 社区党组织 summary (篇3) is a part of the 两委 one — its elections
// are in the 两委 draft too — so electsum report without --kind writes the 两委 draft and not it, and
// --kind shequdangzuzhi writes it alone; --unit is refused with what to do instead.
func TestCommunityPartyKindIsAskedFor(t *testing.T) {
	path, db := generatedDB(t, 4, 8)
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM elections WHERE body = '社区党组织' AND year = 2024`).Scan(&n); err != nil || n == 0 {
		t.Fatalf("%d 社区党组织 elections generated (%v)", n, err)
	}
	names := func(dir string) string {
		es, _ := os.ReadDir(dir)
		var out []string
		for _, e := range es {
			out = append(out, e.Name())
		}
		return strings.Join(out, " ")
	}
	dflt := filepath.Join(t.TempDir(), "默认")
	if code, _, stderr := runCLI(t, "report", "--db", path, "--year", "2024", "--format", "md", "-o", dflt); code != 0 {
		t.Fatalf("report exited %d: %s", code, stderr)
	}
	if got := names(dflt); !strings.Contains(got, "两委换届选举工作总结.md") || strings.Contains(got, "社区党组织") {
		t.Errorf("report without --kind wrote %s: want the 两委 draft and no 社区党组织 draft", got)
	}
	asked := filepath.Join(t.TempDir(), "社区")
	if code, _, stderr := runCLI(t, "report", "--db", path, "--year", "2024", "--kind", "shequdangzuzhi", "--format", "md", "-o", asked); code != 0 {
		t.Fatalf("report --kind shequdangzuzhi exited %d: %s", code, stderr)
	}
	got := names(asked)
	if got != "示例县2024年社区党组织换届选举工作总结.md" {
		t.Fatalf("report --kind shequdangzuzhi wrote %q", got)
	}
	b, err := os.ReadFile(filepath.Join(asked, got))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "个社区党组织完成换届选举") || strings.Contains(string(b), "村民委员会") {
		t.Errorf("the 社区党组织 draft:\n%s", b)
	}
	var township, unit string
	if err := db.QueryRow(`SELECT township, unit FROM elections WHERE body = '社区党组织' AND year = 2024 ORDER BY ALL LIMIT 1`).Scan(&township, &unit); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "report", "--db", path, "--year", "2024", "--kind", "shequdangzuzhi", "--township", township, "--unit", unit, "-o", asked)
	if code == 0 || !strings.Contains(stderr, "社区党组织换届选举工作总结按县或乡镇(街道)起草") {
		t.Errorf("--unit: code %d, %s", code, stderr)
	}
}

// TestKindsAllTownships: with --all-townships a people's congress or township party congress run
// writes the county's draft and one for each township that held such elections (counted here in SQL),
// each named after its place.
func TestKindsAllTownships(t *testing.T) {
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 3, 4
	w := synth.Generate(cfg)
	synth.GenerateCongress(w)
	synth.GeneratePartyCongress(w)
	path, db := worldDB(t, w)
	for _, c := range []struct{ kind, bodies string }{
		{"renda", `'县级人大代表', '乡级人大代表'`},
		{"dangdaihui", `'乡镇党委', '乡镇纪委', '出席上级党代会代表'`},
	} {
		var townships []string
		rows, err := db.Query(`SELECT DISTINCT township FROM elections WHERE year = 2024 AND body IN (` + c.bodies + `) ORDER BY township`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var tw string
			if err := rows.Scan(&tw); err != nil {
				t.Fatal(err)
			}
			townships = append(townships, tw)
		}
		if err := rows.Close(); err != nil || len(townships) < 2 {
			t.Fatalf("%s: townships %v (%v)", c.kind, townships, err)
		}
		dir := t.TempDir()
		code, stdout, stderr := runCLI(t, "report", "--db", path, "--year", "2024", "--kind", c.kind, "--all-townships", "--format", "md", "-o", dir)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", c.kind, code, stderr)
		}
		paths := strings.Fields(stdout)
		if len(paths) != 1+len(townships) {
			t.Fatalf("%s wrote %v, want the county's and %d townships'", c.kind, paths, len(townships))
		}
		written := map[string]bool{}
		for _, p := range paths[1:] {
			written[strings.SplitN(filepath.Base(p), "2024年", 2)[0]] = true
		}
		for _, tw := range townships {
			if !written[tw] {
				t.Errorf("%s: no draft of %s in %v", c.kind, tw, paths)
			}
		}
	}
}

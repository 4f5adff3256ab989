package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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

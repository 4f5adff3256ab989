package reports

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"electsum/analytics"
)

// TestMethodHierarchy: with report.toml's [methods] "公推直选" = "两推一选", a county that counts 公推直选
// as a kind of 两推一选 gets the 其中 of the seed summaries (两推一选213个，其中公推直选8个): the 两推一选 count
// includes the 公推直选 units and names them within it, every figure recounted by the test's own SQL;
// without [methods] the two are counted apart and nothing is nested (issue 10: 选举方式 counts). A
// classing that leads back to itself is refused, naming the key.
func TestMethodHierarchy(t *testing.T) {
	db := loadWorld(t, demoWorld(false))
	opts := draftOptions()
	opts.MethodParents = map[string]string{"公推直选": "两推一选"}
	s, err := analytics.Summarize(context.Background(), db, analytics.Scope{County: "示例县", Year: 2024}, opts)
	if err != nil {
		t.Fatal(err)
	}
	var two, direct, units, named int
	if err := db.QueryRow(`SELECT count(*) FILTER (WHERE method = '两推一选'), count(*) FILTER (WHERE method = '公推直选'),
	        count(*), count(*) FILTER (WHERE coalesce(method, '') <> '')
	    FROM elections WHERE year = 2024 AND county = '示例县' AND body = '村党组织'`).Scan(&two, &direct, &units, &named); err != nil {
		t.Fatal(err)
	}
	if two == 0 || direct == 0 {
		t.Fatalf("the test's data: 两推一选 %d, 公推直选 %d 村党组织", two, direct)
	}
	var top *analytics.Part
	for i, m := range s.Body(analytics.PartyBranch).Methods {
		if m.Label == "公推直选" {
			t.Errorf("公推直选 listed beside 两推一选: %+v", m)
		}
		if m.Label == "两推一选" {
			top = &s.Body(analytics.PartyBranch).Methods[i]
		}
	}
	if top == nil {
		t.Fatal("no 两推一选 among the methods")
	}
	sameInt(t, "两推一选 (with its kinds)", top.Count.Current, two+direct)
	if len(top.Within) != 1 || top.Within[0].Label != "公推直选" {
		t.Fatalf("两推一选 within %+v, want 公推直选", top.Within)
	}
	sameInt(t, "其中公推直选", top.Within[0].Count.Current, direct)
	share := Pct(analytics.Known(electsumShare(two+direct, named)))
	want := fmt.Sprintf("两推一选%d个村，占%s（其中公推直选%d个村）", two+direct, share, direct)
	if two+direct == units {
		want = fmt.Sprintf("%d个村均采取两推一选方式，其中公推直选%d个村", units, direct)
	}
	draft := string(render(t, Builtin(), s, testConfig(), Hans, "md"))
	if !strings.Contains(draft, want) {
		t.Errorf("the draft lacks %q", want)
	}

	// Without [methods]: each counted apart, nothing nested.
	opts.MethodParents = nil
	s, err = analytics.Summarize(context.Background(), db, analytics.Scope{County: "示例县", Year: 2024}, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range s.Body(analytics.PartyBranch).Methods {
		if len(m.Within) > 0 || m.Label == "两推一选" && m.Count.Current.Int() != two {
			t.Errorf("without [methods]: %+v", m)
		}
	}
	if d := string(render(t, Builtin(), s, testConfig(), Hans, "md")); strings.Contains(d, "（其中公推直选") {
		t.Error("without [methods] the draft nests 公推直选")
	}

	var ce *analytics.ConfigError
	bad := analytics.Options{MethodParents: map[string]string{"公推直选": "两推一选", "两推一选": "公推直选"}}
	if err := bad.Validate(); !errors.As(err, &ce) || ce.Field != "methods" {
		t.Errorf("a classing that leads back to itself: %v, want a ConfigError on methods", err)
	}
}

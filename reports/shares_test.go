package reports

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"electsum/analytics"
	"electsum/ingest"
	"electsum/ingest/synth"
)

// TestShareOfReportingUnitsIsNotPrintedAsTotal: when some villages left 委托投票 blank, the draft printed
// the reporting villages' sum with their share ("委托投票4140人，占3.4%") as if it were the county's
// (3.28% over all votes). The sum now says how many villages reported it and carries no share.
func TestShareOfReportingUnitsIsNotPrintedAsTotal(t *testing.T) {
	ctx := context.Background()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 2, 5
	dir := t.TempDir()
	paths, err := synth.WriteWorkbooks(synth.Generate(cfg), filepath.Join(dir, "data"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := ingest.Open(ctx, filepath.Join(dir, "e.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := ingest.Load(ctx, db, paths, ingest.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	const body = analytics.VillagersCommittee
	// The village with the fewest votes leaves 委托投票 blank: the shares over the reporting villages
	// and over all villages then differ by less than a rounding tenth or so, which the old tolerance let through.
	res, err := db.ExecContext(ctx, `UPDATE elections SET proxy_votes = NULL WHERE year = 2024 AND body = ? AND unit =
		(SELECT unit FROM elections WHERE year = 2024 AND body = ? AND proxy_votes IS NOT NULL ORDER BY voted, township, unit LIMIT 1)`, string(body), string(body))
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		t.Fatal("no village had proxy votes to blank")
	}
	var proxy, voted, reporting, units int
	if err := db.QueryRowContext(ctx, `SELECT sum(proxy_votes), sum(voted) FILTER (WHERE proxy_votes IS NOT NULL), count(proxy_votes), count(*)
	    FROM elections WHERE year = 2024 AND body = ?`,
		string(body)).Scan(&proxy, &voted, &reporting, &units); err != nil {
		t.Fatal(err)
	}
	opts := draftOptions()
	s, err := analytics.Summarize(ctx, db, analytics.Scope{County: "示例县", Year: 2024}, opts)
	if err != nil {
		t.Fatal(err)
	}
	pv := s.Body(body).Participation.ProxyVotes
	if !pv.Partial || pv.Reporting.Int() != reporting || pv.Count.Current.Int() != proxy {
		t.Errorf("ProxyVotes = %+v, want partial, %d reporting units, %d votes", pv, reporting, proxy)
	}
	md := string(render(t, Builtin(), s, testConfig(), Hans, "md"))
	// the share named as over the reporting villages' votes
	want := fmt.Sprintf("委托投票%d人（%d个村填报，占其参加投票人数的%s）", proxy, reporting, Pct(analytics.Known(electsumShare(proxy, voted))))
	if !strings.Contains(md, want) {
		t.Errorf("draft lacks %q", want)
	}
	if bad := fmt.Sprintf("委托投票%d人，占", proxy); strings.Contains(md, bad) {
		t.Errorf("draft prints the reporting villages' share as the county's: %q", bad)
	}
	if reporting >= units {
		t.Fatalf("reporting %d of %d units", reporting, units)
	}
}

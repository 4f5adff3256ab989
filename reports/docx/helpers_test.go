package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"electsum/analytics"
	"electsum/ingest"
	"electsum/ingest/synth"
	"electsum/reports"
	goldenfile "electsum/reports/internal/golden"
)

// golden compares got with testdata/golden/docx/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("..", "..", "testdata", "golden", "docx", name), got)
}

// testConfig supplies the organ but not the date, the practices but not the plans: the draft then
// has both config text and placeholders.
func testConfig() reports.Config {
	return reports.Config{
		Basis: "根据《中华人民共和国村民委员会组织法》和县委统一部署",
		Organ: "中共示例县委组织部",
		Practices: []reports.Item{
			{Heading: "加强组织领导", Text: "成立由书记任组长的领导小组，班子成员分片包村。"},
			{Heading: "严格依法办事", Text: "选民登记、候选人提名、投票选举等环节全程公开。"},
		},
	}
}

var (
	levelsOnce sync.Once
	levels     map[analytics.Level]*analytics.Summary
	congress   *analytics.Congress      // the county's people's congress elections
	party      *analytics.PartyCongress // the county's township party congresses
	levelsErr  error
)

// summaries are the county, a township and a village of a small generated county loaded by
// ingest.Load and summarised by analytics.Summarize, with a fixed clock: the path the binary takes.
func summaries(t testing.TB) map[analytics.Level]*analytics.Summary {
	t.Helper()
	levelsOnce.Do(func() {
		ctx := context.Background()
		cfg := synth.County()
		cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 3, 6
		dir, err := os.MkdirTemp("", "electsum-docx-test")
		if err != nil {
			levelsErr = err
			return
		}
		defer os.RemoveAll(dir)
		w := synth.Generate(cfg)
		synth.GenerateCongress(w) // the village drafts leave it out; the people's congress draft is its own
		synth.GeneratePartyCongress(w)
		db, err := synth.Load(ctx, w, dir, ingest.LoadOptions{})
		if err != nil {
			levelsErr = err
			return
		}
		defer db.Close()
		opts := analytics.DefaultOptions()
		opts.Now = func() time.Time { return time.Date(2024, 12, 20, 9, 0, 0, 0, time.UTC) }
		levels = map[analytics.Level]*analytics.Summary{}
		county, err := analytics.Summarize(ctx, db, analytics.Scope{County: "示例县", Year: 2024, Compare: 2021}, opts)
		if err != nil {
			levelsErr = err
			return
		}
		levels[analytics.LevelCounty] = county
		township, err := analytics.Summarize(ctx, db, analytics.Scope{County: "示例县", Township: county.Breakdown[0].Township, Year: 2024, Compare: 2021}, opts)
		if err != nil {
			levelsErr = err
			return
		}
		levels[analytics.LevelTownship] = township
		u := township.Elections[0].UnitRef
		levels[analytics.LevelUnit], levelsErr = analytics.Summarize(ctx, db, analytics.Scope{County: u.County, Township: u.Township, Unit: u.Unit, Year: 2024, Compare: 2021}, opts)
		if levelsErr == nil {
			congress, levelsErr = analytics.SummarizeCongress(ctx, db, analytics.Scope{County: "示例县", Year: 2024}, opts)
		}
		if levelsErr == nil {
			party, levelsErr = analytics.SummarizePartyCongress(ctx, db, analytics.Scope{County: "示例县", Year: 2024}, opts)
		}
	})
	if levelsErr != nil {
		t.Fatal(levelsErr)
	}
	return levels
}

// draft renders the Markdown and the .docx of one level.
func draft(t *testing.T, level analytics.Level, cfg reports.Config, script reports.Script) (md string, docx []byte) {
	t.Helper()
	return draftOf(t, reports.NewView(summaries(t)[level], cfg), script)
}

// congressDraft renders the Markdown and the .docx of the county's people's congress draft.
func congressDraft(t *testing.T, script reports.Script) (md string, docx []byte) {
	t.Helper()
	summaries(t)
	return draftOf(t, reports.NewCongressView(congress, reports.Config{}), script)
}

// partyDraft renders the Markdown and the .docx of the county's township party congress draft.
func partyDraft(t *testing.T, script reports.Script) (md string, docx []byte) {
	t.Helper()
	summaries(t)
	return draftOf(t, reports.NewPartyCongressView(party, reports.Config{}), script)
}

// draftOf renders the Markdown and the .docx of v.
func draftOf(t *testing.T, v reports.Draft, script reports.Script) (md string, docx []byte) {
	t.Helper()
	var m, d bytes.Buffer
	if err := reports.Builtin().DraftMarkdown(&m, v, script); err != nil {
		t.Fatal(err)
	}
	if err := Write(&d, reports.Builtin(), v, script); err != nil {
		t.Fatal(err)
	}
	return m.String(), d.Bytes()
}

// unzip returns the parts of a package by name, failing on duplicate names.
func unzip(t *testing.T, b []byte) (map[string][]byte, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip package: %v", err)
	}
	parts := map[string][]byte{}
	var order []string
	for _, f := range zr.File {
		if _, dup := parts[f.Name]; dup {
			t.Errorf("part %s appears twice", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		parts[f.Name] = data
		order = append(order, f.Name)
	}
	return parts, order
}

// run is a w:r of document.xml as a test reads it: its text and whether it is highlighted.
type run struct {
	text      string
	highlight string
	style     string
}

// paragraphs reads document.xml into paragraphs of runs (w:br as "\n").
func paragraphs(t *testing.T, doc []byte) (styles []string, runs [][]run) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var cur *run
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "p":
				styles = append(styles, "")
				runs = append(runs, nil)
			case "pStyle":
				styles[len(styles)-1] = attr(tok, "val")
			case "r":
				runs[len(runs)-1] = append(runs[len(runs)-1], run{})
				cur = &runs[len(runs)-1][len(runs[len(runs)-1])-1]
			case "highlight":
				cur.highlight = attr(tok, "val")
			case "rStyle":
				cur.style = attr(tok, "val")
			case "br":
				cur.text += "\n"
			case "t":
				inText = true
			}
		case xml.EndElement:
			if tok.Name.Local == "t" {
				inText = false
			}
		case xml.CharData:
			if inText {
				cur.text += string(tok)
			}
		}
	}
	return styles, runs
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func joinRuns(rs []run) string {
	var sb strings.Builder
	for _, r := range rs {
		sb.WriteString(r.text)
	}
	return sb.String()
}

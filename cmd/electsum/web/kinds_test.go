package web

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"electsum/analytics"
	"electsum/ingest"
	"electsum/ingest/synth"
)

// TestReportPageOffersEveryKind: a database holding a county's 两委 (with communities), people's congress
// and township party congress elections gets, on 总结与附件, a choice of the four summaries (the 两委 one
// by default, not the 社区党组织 one, which is a part of it); each kind's draft (HTML,
// Markdown, Word) and annex download is that kind's — its title, its sections, its annex sheets — for
// the county and a township; a village's page offers the 两委 summary only, and a kind the data lacks
// falls back to one it holds.
func TestReportPageOffersEveryKind(t *testing.T) {
	dir, w := kindsWorld(t)
	srv, ts := testServer(t, dir)
	c := client{t: t, ts: ts, token: srv.Token()}
	// A township with a village (for the 两委 draft's 村民委员会), one with a community (社区党组织).
	township, street := "", ""
	for _, tw := range w.Townships {
		for _, u := range tw.Units {
			if u.Community && street == "" {
				street = tw.Name
			}
			if !u.Community && township == "" {
				township = tw.Name
			}
		}
	}
	if street == "" || township == "" {
		t.Fatal("no township with a community, or none with a village, generated")
	}

	resp, page := c.do("GET", "/report?year=2024", "", nil, false)
	if resp.StatusCode != 200 {
		t.Fatalf("/report: %d", resp.StatusCode)
	}
	for _, want := range []string{`id="kind-lianwei"`, `id="kind-renda"`, `id="kind-dangdaihui"`, `id="kind-shequdangzuzhi"`, "县乡人大换届工作总结", "乡镇党代会换届工作总结", "社区党组织换届工作总结",
		"年村(社区)“两委”换届工作总结草稿和附件"} {
		if !strings.Contains(page, want) {
			t.Errorf("/report lacks %q", want)
		}
	}
	for _, tc := range []struct {
		kind, title, heading, section, sheet string
	}{
		{"lianwei", "两委换届选举工作总结", "“两委”换届选举工作总结", "村民委员会", "村民委员会选举"},
		{"renda", "县乡两级人大换届选举工作总结", "县乡两级人大换届选举工作总结", "县级人大代表选举情况", "选民登记统计表"},
		{"dangdaihui", "党代会换届选举工作总结", "党代会换届选举工作总结", "纪委委员选举情况", "党代会选举情况统计表"},
		{"shequdangzuzhi", "社区党组织换届选举工作总结", "社区党组织换届选举工作总结", "1．选举方式。", "社区党组织选举情况统计表"},
	} {
		places := []string{"", township}
		if tc.kind == "shequdangzuzhi" {
			places[1] = street
		}
		for _, place := range places {
			q := url.Values{"year": {"2024"}, "kind": {tc.kind}}
			if place != "" {
				q.Set("township", place)
			}
			resp, page := c.do("GET", "/report?"+q.Encode(), "", nil, false)
			if resp.StatusCode != 200 || !strings.Contains(page, `id="kind-`+tc.kind+`" href=`) || !strings.Contains(page, `aria-current="page">`) ||
				!strings.Contains(page, "/report/draft.md?"+strings.ReplaceAll(q.Encode(), "&", "&amp;")) &&
					!strings.Contains(page, "kind="+tc.kind) {
				t.Errorf("%s %s: the page does not link this kind's downloads (%d)", tc.kind, place, resp.StatusCode)
			}
			for _, ext := range []string{"md", "html", "docx"} {
				resp, body := c.do("GET", "/report/draft."+ext+"?"+q.Encode(), "", nil, false)
				disp, _ := url.PathUnescape(resp.Header.Get("Content-Disposition"))
				if resp.StatusCode != 200 || !strings.Contains(disp, tc.title) {
					t.Errorf("%s %s draft.%s: %d %s", tc.kind, place, ext, resp.StatusCode, disp)
					continue
				}
				if ext != "docx" && (!strings.Contains(body, tc.heading) || !strings.Contains(body, tc.section)) {
					t.Errorf("%s %s draft.%s lacks %q or %q", tc.kind, place, ext, tc.heading, tc.section)
				}
				if ext == "docx" && !strings.HasPrefix(body, "PK") {
					t.Errorf("%s %s draft.docx is no zip", tc.kind, place)
				}
			}
			resp, body := c.do("GET", "/report/annex.xlsx?"+q.Encode(), "", nil, false)
			if resp.StatusCode != 200 {
				t.Fatalf("%s %s annex: %d %s", tc.kind, place, resp.StatusCode, body)
			}
			x, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
			if err != nil {
				t.Fatalf("%s %s annex: %v", tc.kind, place, err)
			}
			if !strings.Contains(strings.Join(x.GetSheetList(), "|"), tc.sheet) {
				t.Errorf("%s %s annex sheets %v, want %s", tc.kind, place, x.GetSheetList(), tc.sheet)
			}
			x.Close()
		}
	}
	// A village: only the 两委 summary, whatever kind is asked.
	unit := w.Townships[0].Units[0].Name
	q := url.Values{"year": {"2024"}, "township": {w.Townships[0].Name}, "unit": {unit}, "kind": {"renda"}}
	_, page = c.do("GET", "/report?"+q.Encode(), "", nil, false)
	if strings.Contains(page, `id="kinds"`) || !strings.Contains(page, "年村(社区)“两委”换届工作总结草稿和附件") {
		t.Errorf("a village's page offers other kinds than 两委, or not the 两委 one")
	}
	resp, _ = c.do("GET", "/report/draft.md?"+q.Encode(), "", nil, false)
	if disp, _ := url.PathUnescape(resp.Header.Get("Content-Disposition")); !strings.Contains(disp, "两委换届选举工作总结") {
		t.Errorf("a village's draft with kind=renda is %q, want its 两委 draft", disp)
	}
}

// kindsWorld is a small county (3 townships of 3 units, half of them communities) with its 两委, people's
// congress and township party congress elections of two terms, loaded into dir's database.
func kindsWorld(t *testing.T) (string, *synth.World) {
	t.Helper()
	dir := t.TempDir()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship, cfg.Communities = 3, 3, 0.5
	w := synth.Generate(cfg)
	synth.GenerateCongress(w)
	synth.GeneratePartyCongress(w)
	db, err := synth.Load(context.Background(), w, dir, ingest.LoadOptions{Install: analytics.InstallTx})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	return dir, w
}

package docx

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"electsum/analytics"
	"electsum/reports"
)

var allLevels = []analytics.Level{analytics.LevelCounty, analytics.LevelTownship, analytics.LevelUnit}

// TestGoldenParts pins the document XML of each level and the reference parts: styles, section
// properties (in document.xml), the odd and even page-number footers, settings and the font table.
func TestGoldenParts(t *testing.T) {
	for _, level := range allLevels {
		_, d := draft(t, level, testConfig(), reports.Hans)
		parts, _ := unzip(t, d)
		golden(t, string(level)+"-document.xml", parts["word/document.xml"])
		if level == analytics.LevelCounty {
			for _, name := range []string{"styles.xml", "settings.xml", "fontTable.xml", "footer1.xml", "footer2.xml"} {
				golden(t, name, parts["word/"+name])
			}
		}
	}
	for _, level := range allLevels {
		_, d := draft(t, level, testConfig(), reports.Hant)
		parts, _ := unzip(t, d)
		golden(t, string(level)+"-hant-document.xml", parts["word/document.xml"])
		if level == analytics.LevelCounty {
			golden(t, "hant-styles.xml", parts["word/styles.xml"])
			golden(t, "hant-fontTable.xml", parts["word/fontTable.xml"])
		}
	}
}

// mdLine strips a Markdown line of its syntax: heading marks, list bullets, the hard-break spaces and
// the full-width spaces that align the annex list, and backslash escapes.
func mdLine(l string) string {
	l = strings.TrimRight(l, " ")
	l = strings.TrimLeft(l, "#- ")
	l = mdEscape.ReplaceAllString(l, "$1")
	return strings.TrimLeft(l, "\u3000")
}

// mdEscape is a backslash escape, which the templates put before Markdown's special characters in data.
var mdEscape = regexp.MustCompile(`\\([[:punct:]])`)

var figure = regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?%?`)

// TestEveryFigureAndLine checks, for every level and script, and for the people's congress and the
// township party congress drafts,
// that every figure of the Markdown draft is in document.xml in the same order, and every line of the
// draft is there as text.
func TestEveryFigureAndLine(t *testing.T) {
	for _, script := range []reports.Script{reports.Hans, reports.Hant} {
		for _, level := range append(allLevels, "renda", "dangdaihui") {
			t.Run(fmt.Sprint(level, "/", script), func(t *testing.T) {
				var md string
				var d []byte
				switch level {
				case "renda":
					md, d = congressDraft(t, script)
				case "dangdaihui":
					md, d = partyDraft(t, script)
				default:
					md, d = draft(t, level, testConfig(), script)
				}
				parts, _ := unzip(t, d)
				_, runs := paragraphs(t, parts["word/document.xml"])
				var sb strings.Builder
				for _, p := range runs {
					sb.WriteString(strings.ReplaceAll(joinRuns(p), "\n", ""))
					sb.WriteString("\n")
				}
				text := sb.String()
				figures := figure.FindAllString(md, -1)
				if len(figures) < 5 {
					t.Fatalf("the draft has only %d figures:\n%s", len(figures), md)
				}
				rest := text
				for i, f := range figures {
					k := strings.Index(rest, f)
					if k < 0 {
						t.Fatalf("figure %d (%s) of the Markdown draft is not in document.xml in order; text from there:\n%.300s", i, f, rest)
					}
					rest = rest[k+len(f):]
				}
				flat := strings.ReplaceAll(text, "\n", "")
				for _, l := range strings.Split(md, "\n") {
					if l = mdLine(l); l != "" && !strings.Contains(flat, l) {
						t.Errorf("line of the draft missing from document.xml: %q", l)
					}
				}
			})
		}
	}
}

// TestPlaceholdersHighlighted: exactly the draft's placeholders are highlighted yellow, in order;
// text the config supplied (organ, practices) is not.
func TestPlaceholdersHighlighted(t *testing.T) {
	for _, tt := range []struct {
		script reports.Script
		open   string
	}{{reports.Hans, "【待补充："}, {reports.Hant, "【待補充："}} {
		for _, level := range allLevels {
			md, d := draft(t, level, testConfig(), tt.script)
			parts, _ := unzip(t, d)
			_, runs := paragraphs(t, parts["word/document.xml"])
			want := regexp.MustCompile(regexp.QuoteMeta(tt.open)+`[^】]*】`).FindAllString(md, -1)
			if len(want) == 0 {
				t.Fatalf("%s/%s: the draft has no placeholder to test", level, tt.script)
			}
			var got []string
			for _, p := range runs {
				for _, r := range p {
					if r.highlight != "" {
						if r.highlight != "yellow" {
							t.Errorf("highlight %q, want yellow", r.highlight)
						}
						got = append(got, r.text)
					}
					if r.highlight != "" && (strings.Contains(r.text, "中共示例县委组织部") || strings.Contains(r.text, "加强组织领导")) {
						t.Errorf("config text highlighted: %q", r.text)
					}
				}
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s/%s: highlighted %q, want the placeholders %q", level, tt.script, got, want)
			}
		}
	}
}

// TestStylesOfTheLayout checks the layout's landmarks in the county draft: the title, the heading
// levels, the run-in heading of an item, the annex note, the 落款 and the notes on a page of their own.
func TestStylesOfTheLayout(t *testing.T) {
	md, d := draft(t, analytics.LevelCounty, testConfig(), reports.Hans)
	parts, _ := unzip(t, d)
	doc := parts["word/document.xml"]
	styles, runs := paragraphs(t, doc)
	styleOf := func(prefix string) (string, []run) {
		for i, p := range runs {
			if strings.HasPrefix(joinRuns(p), prefix) {
				return styles[i], p
			}
		}
		t.Fatalf("no paragraph starts with %q", prefix)
		return "", nil
	}
	if styles[0] != styleTitle || !strings.Contains(joinRuns(runs[0]), "\n") {
		t.Errorf("first paragraph: style %q text %q, want a two-line title", styles[0], joinRuns(runs[0]))
	}
	for _, c := range []struct{ prefix, style string }{
		{"一、基本情况", styleHeading1},
		{"（一）村党组织换届选举结果", styleHeading2},
		{"附件：1．", styleAnnex},
		{"中共示例县委组织部", styleSignature},
		{"【待补充：日期】", styleSignature},
		{"二、主要做法", styleHeading1},
	} {
		if got, _ := styleOf(c.prefix); got != c.style {
			t.Errorf("paragraph %q has style %q, want %q", c.prefix, got, c.style)
		}
	}
	_, item := styleOf("（一）加强组织领导。")
	if item[0].style != runInKai || item[0].text != "（一）加强组织领导。" {
		t.Errorf("item lead-in: %+v", item[0])
	}
	if !strings.Contains(md, "数据核对") {
		t.Skip("the draft has no data-check notes")
	}
	i := bytes.Index(doc, []byte("数据核对（起草参考"))
	j := bytes.LastIndex(doc[:i], []byte("<w:p>"))
	if !bytes.Contains(doc[j:i], []byte("<w:pageBreakBefore/>")) {
		t.Errorf("the data-check notes do not start a new page: %s", doc[j:i])
	}
}

func TestSignatureIndents(t *testing.T) {
	for _, tt := range []struct {
		organ, date           string
		rightOrgan, rightDate float64
	}{
		{"中共示例县委组织部", "2024年12月5日", 2, 2.5}, // 9 cells and 6.5: the date starts two right of the organ
		{"县委组织部", "2024年12月5日", 5.5, 2},     // the date is longer: it keeps two from the edge
		{"【待补充：发文机关】", "【待补充：日期】", 2, 2},    // 10 and 8 cells
	} {
		var buf bytes.Buffer
		md := "正文。\n\n" + tt.organ + "  \n" + tt.date + "\n\n---\n"
		if err := write(&buf, []byte(md), [2]string{"【待补充：", "】"}, "t", simplifiedFonts, testTime); err != nil {
			t.Fatal(err)
		}
		parts, _ := unzip(t, buf.Bytes())
		doc := string(parts["word/document.xml"])
		got := signatureIndent.FindAllStringSubmatch(doc, -1)
		want := []string{fmt.Sprint(chars(tt.rightOrgan)), fmt.Sprint(chars(tt.rightDate))}
		if len(got) != 2 || got[0][1] != want[0] || got[1][1] != want[1] {
			t.Errorf("%s / %s: right indents %v, want %v", tt.organ, tt.date, got, want)
		}
		if before := fmt.Sprintf(`<w:pStyle w:val="Signature"/><w:keepNext/><w:spacing w:before="%d"`, linePitch); !strings.Contains(doc, before) {
			t.Errorf("the organ line lacks one line of space above it (%s)", before)
		}
		if !strings.Contains(doc, `<w:pStyle w:val="Signature"/><w:keepNext/>`) || strings.Count(doc, "<w:keepNext/>") != 1 {
			t.Errorf("the organ line must keep with the date line, and only it:\n%s", doc)
		}
	}
}

var signatureIndent = regexp.MustCompile(`<w:pStyle w:val="Signature"/>(?:<w:keepNext/>)?(?:<w:spacing [^>]*/>)?<w:ind w:right="(\d+)"/>`)

func TestTitleLines(t *testing.T) {
	for _, tt := range []struct{ title, want string }{
		{"示例县2024年村（社区）“两委”换届选举工作总结", "示例县2024年村（社区）|“两委”换届选举工作总结"},
		{"红星村2024年村“两委”换届选举工作总结", "红星村2024年村“两委”换届选举工作总结"},   // 19 cells: one line
		{"东风镇2024年社区“两委”换届选举工作总结", "东风镇2024年社区“两委”换届选举工作总结"}, // 20 cells
		{"某某自治县2024年村（社区）“两委”和村务监督委员会换届选举工作总结", "某某自治县2024年村（社区）“两委”|和村务监督委员会换届选举工作总结"},
		{"一个没有任何可以断开之处而且很长很长很长的标题文字", "一个没有任何可以断开之处而且很长很长很长的标题文字"},
	} {
		var parts []string
		for _, s := range titleLines([]seg{{text: tt.title}}) {
			if !s.br {
				parts = append(parts, s.text)
			}
		}
		if got := strings.Join(parts, "|"); got != tt.want {
			t.Errorf("titleLines(%s) = %s, want %s", tt.title, got, tt.want)
		}
	}
}

// TestEscaping: names from the data with XML's special characters and control characters reach
// document.xml as text, and the part stays well-formed.
func TestEscaping(t *testing.T) {
	md := "# 标题\n\n村名<script>&\"引号\"'\x01尾。【待补充：<b>】\n\n| 村 | 人数 |\n|---|---|\n| A&B | <1> |\n"
	var buf bytes.Buffer
	if err := write(&buf, []byte(md), [2]string{"【待补充：", "】"}, "标题<&>", simplifiedFonts, testTime); err != nil {
		t.Fatal(err)
	}
	parts, _ := unzip(t, buf.Bytes())
	_, runs := paragraphs(t, parts["word/document.xml"])
	var all []string
	for _, p := range runs {
		all = append(all, joinRuns(p))
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{"村名<script>&\"引号\"'\uFFFD尾。", "【待补充：<b>】", "A&B", "<1>"} {
		if !strings.Contains(text, want) {
			t.Errorf("document text lacks %q:\n%s", want, text)
		}
	}
	checkWellFormed(t, "docProps/core.xml", parts["docProps/core.xml"])
}

// TestNamesWithMarkup: a place name with Markdown and XML special characters goes through the
// templates' Markdown escaping and the XML escaping and reads as itself in the title and the text.
func TestNamesWithMarkup(t *testing.T) {
	s := *summaries(t)[analytics.LevelCounty]
	name := `示<例>&*_|县`
	s.Scope.County = name
	v := reports.NewView(&s, testConfig())
	var d bytes.Buffer
	if err := Write(&d, reports.Builtin(), v, reports.Hans); err != nil {
		t.Fatal(err)
	}
	validatePackage(t, d.Bytes())
	parts, _ := unzip(t, d.Bytes())
	_, runs := paragraphs(t, parts["word/document.xml"])
	if title := strings.ReplaceAll(joinRuns(runs[0]), "\n", ""); !strings.HasPrefix(title, name+"2024年") {
		t.Errorf("title %q does not start with the name %q", title, name)
	}
	if !bytes.Contains(parts["docProps/core.xml"], []byte("<dc:title>示&lt;例&gt;&amp;*_|县2024年")) {
		t.Errorf("core.xml title: %s", parts["docProps/core.xml"])
	}
}

package reports

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/gomarkdown/markdown/ast"
	"github.com/gomarkdown/markdown/parser"

	"electsum/analytics"
)

// hostileNames are unit, township and config texts that are markup in Markdown or HTML. Each must reach
// the reader as the very characters typed, never as a link, an image, emphasis, a heading or raw HTML.
var hostileNames = []string{
	"[链接](javascript:alert(1))",
	"![图](http://example.com/x.png)",
	"<script>alert(1)</script>村",
	"**粗体**村",
	"_斜体_村",
	"`代码`村",
	"~~删除~~村",
	"# 标题村",
	"1. 列表村",
	"- 列表村",
	"> 引用村",
	"|表格|村|",
	"&lt;实体&gt;村",
	"<http://example.com>村",
	"a\\*b村",
}

// replaceStrings sets every string reachable from v that equals old to new (v: a pointer).
func replaceStrings(v reflect.Value, old, new string) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			replaceStrings(v.Elem(), old, new)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				replaceStrings(v.Field(i), old, new)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			replaceStrings(v.Index(i), old, new)
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString(strings.ReplaceAll(v.String(), old, new))
		}
	}
}

// markdownText parses md as the HTML renderer does and returns its plain text, failing on any node
// other than text, paragraphs, headings, lists, rules and breaks.
func markdownText(t *testing.T, md []byte) string {
	t.Helper()
	p := parser.NewWithExtensions(parser.Tables | parser.NoIntraEmphasis | parser.SpaceHeadings | parser.Strikethrough)
	doc := p.Parse(md)
	var text strings.Builder
	ast.WalkFunc(doc, func(n ast.Node, entering bool) ast.WalkStatus {
		if !entering {
			return ast.GoToNext
		}
		switch n := n.(type) {
		case *ast.Text:
			text.Write(n.Literal)
		case *ast.Document, *ast.Paragraph, *ast.Heading, *ast.List, *ast.ListItem, *ast.HorizontalRule, *ast.Hardbreak, *ast.Softbreak:
		default:
			t.Errorf("data became Markdown markup %T: %q", n, ast.GetFirstChild(n))
		}
		return ast.GoToNext
	})
	return text.String()
}

// Every data-derived string lands in the Markdown as text and in the HTML as escaped text: no link
// (javascript: or any other), no image, no emphasis, no raw HTML, also in the unit report's title.
func TestDataIsEscapedInMarkdownAndHTML(t *testing.T) {
	for _, name := range hostileNames {
		t.Run(name, func(t *testing.T) {
			for _, level := range []struct {
				name    string
				summary func() *analytics.Summary
			}{{"township", townshipFixture}, {"unit", unitFixture}, {"county", countyFixture}} {
				s := level.summary()
				for _, old := range []string{"红旗村", "<script>村", "东风镇"} {
					replaceStrings(reflect.ValueOf(s), old, name)
				}
				cfg := testConfig()
				cfg.Organ = name
				cfg.Practices[0].Heading = name
				md := render(t, Builtin(), s, cfg, Hans, "md")
				text := markdownText(t, md)
				if !strings.Contains(text, name) {
					t.Errorf("%s: the Markdown does not read %q as text:\n%s", level.name, name, md)
				}
				if level.name == "unit" {
					first, _, _ := bytes.Cut(md, []byte("\n"))
					if title := markdownText(t, first); !strings.Contains(title, name) {
						t.Errorf("unit title %q does not read %q", first, name)
					}
				}
				page := string(render(t, Builtin(), s, cfg, Hans, "html"))
				for _, bad := range []string{"<a ", "<img", "<script", "<strong", "<em>", "<code", "<del", "<blockquote", "<table", "javascript:alert(1)\""} {
					if strings.Contains(page, bad) {
						t.Errorf("%s: HTML page contains %q", level.name, bad)
					}
				}
			}
		})
	}
}

// A template may still write a link of its own, but only to http or https: a javascript: or data:
// link written in a user's template is dropped.
func TestOnlyHTTPLinks(t *testing.T) {
	got := markdownToHTML("[好](https://example.com) [坏](javascript:alert(1)) [也坏](data:text/html,x) <b>原始</b>\n")
	if !strings.Contains(got, `href="https://example.com"`) {
		t.Errorf("https link lost: %s", got)
	}
	for _, bad := range []string{"javascript:", "data:", "<b>"} {
		if strings.Contains(got, bad) {
			t.Errorf("HTML contains %q: %s", bad, got)
		}
	}
}

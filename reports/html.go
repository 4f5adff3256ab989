package reports

import (
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/gomarkdown/markdown"
	mdhtml "github.com/gomarkdown/markdown/html"
)

// pageCSS prints like an official document on A4: 仿宋 body at 16pt (三号), 小标宋-like centred title,
// 黑体 and 楷体 for the first and second heading levels, first-line indent of two characters.
const pageCSS = `@page{size:A4;margin:37mm 26mm 35mm 28mm}
body{font-family:"FangSong","仿宋","FangSong_GB2312","仿宋_GB2312","STFangsong","SimSun","宋体","Songti SC","Noto Serif CJK SC","Source Han Serif SC",serif;font-size:16pt;line-height:1.8;color:#000;max-width:210mm;margin:0 auto;padding:0 12mm}
h1{font-family:"FZXiaoBiaoSong-B05S","方正小标宋简体","SimSun","宋体","Songti SC","Noto Serif CJK SC",serif;font-size:22pt;font-weight:normal;text-align:center;line-height:1.5;margin:1.2em 0;word-break:keep-all;overflow-wrap:anywhere;text-wrap:balance}
h2{font-family:"SimHei","黑体","Heiti SC","Noto Sans CJK SC",sans-serif;font-size:16pt;font-weight:normal;margin:0.6em 0;text-indent:2em}
h3{font-family:"KaiTi","楷体","STKaiti","Kaiti SC",serif;font-size:16pt;font-weight:normal;margin:0.4em 0;text-indent:2em}
p{margin:0;text-indent:2em;text-align:justify}
p:has(+ hr){text-align:right;margin-top:2em;text-indent:0}
hr{border:0;margin:2em 0}
figure{margin:1em 0;text-align:center;break-inside:avoid}
figure svg{max-width:100%;height:auto}
ul{font-size:12pt;line-height:1.6}
@media print{body{max-width:none;padding:0}figure{page-break-inside:avoid}}`

// HTML writes the report as one self-contained page: the Markdown rendered by gomarkdown (no
// Smartypants, no Mmark), inline CSS and inline SVG charts where the template calls .Chart. Every
// piece of text, including names from the data, is HTML-escaped.
func (r *Renderer) HTML(w io.Writer, v *View, script Script) error {
	hv := *v
	hv.html = true
	md, err := hv.text(r, script)
	if err != nil {
		return err
	}
	body := markdownToHTML(md)
	// Charts are drawn in Simplified and converted whole; the CSS font list must keep its names.
	font := html.EscapeString(chartFont)
	convFont, err := v.Convert(script, font)
	if err != nil {
		return err
	}
	drawn := charts(&hv, func(s string) string { return s })
	for _, name := range ChartNames() { // every token goes, also of a chart charts did not draw
		svg, tok := drawn[name], chartToken(name)
		fig := ""
		if svg != "" {
			if svg, err = v.Convert(script, svg); err != nil {
				return err
			}
			fig = "<figure>" + strings.ReplaceAll(svg, convFont, font) + "</figure>"
		}
		body = strings.ReplaceAll(body, "<p>"+tok+"</p>", fig)
		body = strings.ReplaceAll(body, tok, fig)
	}
	title, err := v.Convert(script, v.Title)
	if err != nil {
		return err
	}
	return writePage(w, script, title, body)
}

// writePage writes the HTML page around a rendered body: the language of script, the title and the
// official-document CSS.
func writePage(w io.Writer, script Script, title, body string) error {
	lang := "zh-CN"
	switch script {
	case Hant:
		lang = "zh-Hant"
	}
	_, err := fmt.Fprintf(w, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n<style>\n%s\n</style>\n</head>\n<body>\n%s</body>\n</html>\n",
		lang, html.EscapeString(title), pageCSS, body)
	return err
}

// markdownToHTML renders the report's Markdown. The data in it is already escaped as text by the
// templates' actions; as a second guard raw HTML is dropped and only http and https links are kept, so
// that even a user's own template cannot put a script or a javascript: link in the page.
func markdownToHTML(md string) string {
	rd := mdhtml.NewRenderer(mdhtml.RendererOptions{Flags: mdhtml.SkipHTML | mdhtml.Safelink})
	rd.IsSafeURLOverride = isHTTPURL
	return string(markdown.ToHTML([]byte(md), newMarkdownParser(), rd))
}

// isHTTPURL says whether a link goes to an http or https address.
func isHTTPURL(url []byte) bool {
	u := strings.ToLower(string(url))
	return strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")
}

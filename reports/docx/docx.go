package docx

import (
	"archive/zip"
	"bytes"
	"embed"
	"fmt"
	"io"
	"strings"
	"text/template"
	"time"

	"electsum/reports"
)

//go:embed reference
var reference embed.FS

// parts maps each part of the package, in the order written, to its file under reference/. Files
// ending in .tmpl are executed with the layout; the others are copied.
var parts = []struct{ name, file string }{
	{"[Content_Types].xml", "content_types.xml"},
	{"_rels/.rels", "package.rels"},
	{"docProps/core.xml", "core.xml.tmpl"},
	{"docProps/app.xml", "app.xml"},
	{"word/document.xml", "document.xml.tmpl"},
	{"word/_rels/document.xml.rels", "document.rels"},
	{"word/styles.xml", "styles.xml.tmpl"},
	{"word/settings.xml", "settings.xml.tmpl"},
	{"word/fontTable.xml", "fontTable.xml.tmpl"},
	{"word/footer1.xml", "footer.xml.tmpl"}, // odd pages (w:type="default")
	{"word/footer2.xml", "footer.xml.tmpl"}, // even pages
}

var partTemplates = func() *template.Template {
	t := template.New("").Funcs(template.FuncMap{"xml": escape})
	return template.Must(t.ParseFS(reference, "reference/*.tmpl"))
}()

// layout is the data of the reference templates: the page, the fonts and the body of the document.
type layout struct {
	Title, Created string
	Fonts          fontSet
	Body           string // paragraphs and tables, already XML
	Odd            bool   // which footer
	PageWidth, PageHeight, MarginTop, MarginRight, MarginBottom, MarginLeft,
	HeaderDistance, FooterDistance, LinePitch, Condense, CharCell, Indent, Indent2, Indent3, Indent5,
	TableLine, TitleLine, FooterLine, SizeTitle, SizeBody, SizeSmall int
}

// All lists the fonts for the font table.
func (f fontSet) All() []font { return f.all() }

// Write writes the draft d (a village draft, reports.View, or a people's congress one,
// reports.CongressView) as a Word document (.docx) in the layout of GB/T 9704-2012. The text is the
// Markdown draft r renders for d in script — the same templates and wording as the Markdown and HTML
// outputs — laid out paragraph by paragraph. The document's dates come from the model's generation
// time, so the same input gives the same bytes.
func Write(w io.Writer, r *reports.Renderer, d reports.Draft, script reports.Script) error {
	var md bytes.Buffer
	if err := r.DraftMarkdown(&md, d, script); err != nil {
		return err
	}
	ph, err := placeholder(d, script)
	if err != nil {
		return err
	}
	title, err := d.Convert(script, d.DraftTitle())
	if err != nil {
		return err
	}
	return write(w, md.Bytes(), ph, title, fontsFor(script), d.Generated())
}

// placeholder is the opening and closing text of reports.Placeholder in script (【待补充： and 】).
func placeholder(v reports.Draft, script reports.Script) ([2]string, error) {
	const mark = "X"
	p, err := v.Convert(script, reports.Placeholder(mark))
	if err != nil {
		return [2]string{}, err
	}
	open, close, ok := strings.Cut(p, mark)
	if !ok || open == "" || close == "" {
		return [2]string{}, fmt.Errorf("placeholder %q has no opening and closing text", p)
	}
	return [2]string{open, close}, nil
}

func write(w io.Writer, md []byte, ph [2]string, title string, fonts fontSet, created time.Time) error {
	b := &body{placeholder: ph}
	b.document(reports.ParseMarkdown(md))
	if created.IsZero() {
		created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	created = created.UTC().Truncate(time.Second)
	l := layout{
		Title: title, Created: created.Format(time.RFC3339), Fonts: fonts, Body: b.buf.String(),
		PageWidth: pageWidth, PageHeight: pageHeight,
		MarginTop: marginTop, MarginRight: marginRight, MarginBottom: marginBottom, MarginLeft: marginLeft,
		HeaderDistance: headerDistance, FooterDistance: footerDistance,
		LinePitch: linePitch, Condense: condense, CharCell: chars(1),
		Indent: footerIndent, Indent2: chars(2), Indent3: chars(3), Indent5: chars(5),
		TableLine: 20 * twipsPerPt, TitleLine: titleLine, FooterLine: footerLine,
		SizeTitle: sizeTitle, SizeBody: sizeBody, SizeSmall: sizeSmall,
	}
	zw := zip.NewWriter(w)
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: created})
		if err != nil {
			return fmt.Errorf("write %s: %w", p.name, err)
		}
		l.Odd = p.name == "word/footer1.xml"
		if strings.HasSuffix(p.file, ".tmpl") {
			err = partTemplates.ExecuteTemplate(f, p.file, l)
		} else {
			var raw []byte
			if raw, err = reference.ReadFile("reference/" + p.file); err == nil {
				_, err = f.Write(raw)
			}
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", p.name, err)
		}
	}
	return zw.Close()
}

package docx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"electsum/reports"
)

var testTime = time.Date(2024, 12, 20, 9, 0, 0, 0, time.UTC)

const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	relOffice = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relBase   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	ctMain    = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)

// childOrder is the sequence of child elements the WordprocessingML schema (ECMA-376 Part 1, §17)
// allows in the elements this package writes, as far as it writes them. Word reports a document
// whose children are out of order as corrupt and offers to repair it.
var childOrder = map[string][]string{
	"pPr": {"pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
		"suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
		"overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
		"snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
		"textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
		"sectPr", "pPrChange"},
	"rPr": {"rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
		"outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color",
		"spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd",
		"fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"},
	"sectPr": {"headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
		"paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
		"titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange"},
	"tblPr": {"tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
		"tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
		"tblLayout", "tblCellMar", "tblLook"},
	"tblBorders": {"top", "left", "start", "bottom", "right", "end", "insideH", "insideV"},
	"tcPr": {"cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
		"textDirection", "tcFitText", "vAlign", "hideMark"},
	"tbl":   {"bookmarkStart", "tblPr", "tblGrid", "tr"},
	"tr":    {"tblPrEx", "trPr", "tc"},
	"tc":    {"tcPr", "p", "tbl"},
	"style": {"name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"},
	"settings": {"writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
		"doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
		"printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
		"saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
		"bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors",
		"hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate",
		"linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
		"revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting", "documentProtection",
		"autoFormatOverride", "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
		"consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope", "summaryLength",
		"clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders", "bookFoldRevPrinting",
		"bookFoldPrinting", "bookFoldPrintingSheets", "drawingGridHorizontalSpacing",
		"drawingGridVerticalSpacing", "displayHorizontalDrawingGridEvery",
		"displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin",
		"drawingGridHorizontalOrigin", "drawingGridVerticalOrigin", "doNotShadeFormData",
		"noPunctuationKerning", "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
		"noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema",
		"saveInvalidXml", "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml",
		"saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
		"alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr",
		"compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
		"doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
		"readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
		"doNotEmbedSmartTags", "decimalSymbol", "listSeparator"},
	"font":        {"altName", "panose1", "charset", "family", "notTrueType", "pitch", "sig", "embedRegular"},
	"docDefaults": {"rPrDefault", "pPrDefault"},
}

// checkWellFormed parses an XML part to the end.
func checkWellFormed(t *testing.T, name string, b []byte) xml.Name {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	var root xml.Name
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return root
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok && root.Local == "" {
			root = se.Name
		}
	}
}

// checkOrder reports WordprocessingML elements whose children are out of the schema's sequence.
func checkOrder(t *testing.T, name string, b []byte) {
	t.Helper()
	type open struct {
		name string
		last int
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	var stack []open
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if len(stack) > 0 && tok.Name.Space == nsW {
				parent := &stack[len(stack)-1]
				if order, ok := childOrder[parent.name]; ok {
					i := slices.Index(order, tok.Name.Local)
					switch {
					case i < 0:
						t.Errorf("%s: w:%s may not contain w:%s", name, parent.name, tok.Name.Local)
					case i < parent.last:
						t.Errorf("%s: in w:%s, w:%s comes after w:%s", name, parent.name, tok.Name.Local, order[parent.last])
					default:
						parent.last = i
					}
				}
			}
			stack = append(stack, open{name: tok.Name.Local})
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

type relationships struct {
	Rels []struct {
		ID         string `xml:"Id,attr"`
		Type       string `xml:"Type,attr"`
		Target     string `xml:"Target,attr"`
		TargetMode string `xml:"TargetMode,attr"`
	} `xml:"Relationship"`
}

type contentTypes struct {
	Defaults []struct {
		Extension   string `xml:"Extension,attr"`
		ContentType string `xml:"ContentType,attr"`
	} `xml:"Default"`
	Overrides []struct {
		PartName    string `xml:"PartName,attr"`
		ContentType string `xml:"ContentType,attr"`
	} `xml:"Override"`
}

// relsPath is the relationships part of a part: word/document.xml → word/_rels/document.xml.rels.
func relsPath(part string) string {
	dir, file := path.Split(part)
	return dir + "_rels/" + file + ".rels"
}

// validatePackage checks what Word needs to open a package without repairing it: a zip of
// well-formed parts, each with a content type; relationships whose targets exist; the main document
// with its body and a final section; the parts it refers to by id; children in schema order.
func validatePackage(t *testing.T, d []byte) {
	t.Helper()
	parts, order := unzip(t, d)
	if order[0] != "[Content_Types].xml" {
		t.Errorf("first part is %s, want [Content_Types].xml", order[0])
	}
	var ct contentTypes
	if err := xml.Unmarshal(parts["[Content_Types].xml"], &ct); err != nil {
		t.Fatalf("[Content_Types].xml: %v", err)
	}
	typeOf := func(name string) string {
		for _, o := range ct.Overrides {
			if o.PartName == "/"+name {
				return o.ContentType
			}
		}
		for _, d := range ct.Defaults {
			if strings.EqualFold(path.Ext(name), "."+d.Extension) {
				return d.ContentType
			}
		}
		return ""
	}
	for _, o := range ct.Overrides {
		if _, ok := parts[strings.TrimPrefix(o.PartName, "/")]; !ok {
			t.Errorf("[Content_Types].xml names %s, which is not in the package", o.PartName)
		}
	}
	for _, name := range order {
		if name != "[Content_Types].xml" && typeOf(name) == "" {
			t.Errorf("part %s has no content type", name)
		}
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			checkWellFormed(t, name, parts[name])
			checkOrder(t, name, parts[name])
		}
	}

	rels := func(source string) relationships {
		var r relationships
		p := relsPath(source)
		if source == "" {
			p = "_rels/.rels"
		}
		b, ok := parts[p]
		if !ok {
			t.Fatalf("%s is missing", p)
		}
		if err := xml.Unmarshal(b, &r); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		ids := map[string]bool{}
		for _, rel := range r.Rels {
			if ids[rel.ID] {
				t.Errorf("%s: relationship id %s twice", p, rel.ID)
			}
			ids[rel.ID] = true
			target := path.Join(path.Dir(source), rel.Target)
			if rel.TargetMode != "External" {
				if _, ok := parts[target]; !ok {
					t.Errorf("%s: %s points at %s, which is not in the package", p, rel.ID, target)
				}
			}
		}
		return r
	}
	main := ""
	for _, rel := range rels("").Rels {
		if rel.Type == relOffice {
			main = rel.Target
		}
	}
	if main != "word/document.xml" || typeOf(main) != ctMain {
		t.Fatalf("main document %q with content type %q", main, typeOf(main))
	}
	docRels := map[string]string{} // id → type
	for _, rel := range rels(main).Rels {
		docRels[rel.ID] = strings.TrimPrefix(rel.Type, relBase)
	}
	for _, want := range []string{"styles", "settings", "fontTable", "footer"} {
		if !slices.Contains(slices.Collect(mapValues(docRels)), want) {
			t.Errorf("document.xml has no %s relationship", want)
		}
	}

	var doc struct {
		XMLName xml.Name
		Body    struct {
			Inner []byte `xml:",innerxml"`
		} `xml:"body"`
	}
	if err := xml.Unmarshal(parts[main], &doc); err != nil {
		t.Fatal(err)
	}
	if doc.XMLName.Space != nsW || doc.XMLName.Local != "document" {
		t.Fatalf("document.xml root is %v", doc.XMLName)
	}
	body := strings.TrimSpace(string(doc.Body.Inner))
	if !strings.HasSuffix(body, "</w:sectPr>") || strings.Count(body, "<w:sectPr>") != 1 {
		t.Error("the body does not end with its one section's properties")
	}
	footers := map[string]bool{}
	for _, m := range footerRef.FindAllStringSubmatch(body, -1) {
		if docRels[m[2]] != "footer" {
			t.Errorf("footer reference %s is not a footer relationship", m[2])
		}
		footers[m[1]] = true
	}
	if !footers["default"] || !footers["even"] {
		t.Errorf("footers for odd and even pages: %v", footers)
	}
	if !bytes.Contains(parts["word/settings.xml"], []byte("<w:evenAndOddHeaders/>")) {
		t.Error("settings.xml lacks w:evenAndOddHeaders: the even-page footer would never show")
	}
	for _, f := range []string{"word/footer1.xml", "word/footer2.xml"} {
		if !bytes.Contains(parts[f], []byte(`<w:instrText xml:space="preserve"> PAGE </w:instrText>`)) {
			t.Errorf("%s has no PAGE field", f)
		}
	}
}

func mapValues(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}

var footerRef = regexp.MustCompile(`<w:footerReference w:type="(\w+)" r:id="(\w+)"/>`)

func TestPackageOpens(t *testing.T) {
	for _, script := range []reports.Script{reports.Hans, reports.Hant} {
		for _, level := range allLevels {
			t.Run(fmt.Sprint(level, "/", script), func(t *testing.T) {
				_, d := draft(t, level, testConfig(), script)
				validatePackage(t, d)
			})
		}
	}
	t.Run("table", func(t *testing.T) {
		var buf bytes.Buffer
		md := "# 表\n\n| 乡镇 | 村数 | 参选率 |\n|:---|---:|:---:|\n| 东镇 | 12 | 92.1% |\n| 西镇 | 9 |\n"
		if err := write(&buf, []byte(md), [2]string{"【待补充：", "】"}, "表", simplifiedFonts, testTime); err != nil {
			t.Fatal(err)
		}
		validatePackage(t, buf.Bytes())
		parts, _ := unzip(t, buf.Bytes())
		doc := string(parts["word/document.xml"])
		for _, want := range []string{"<w:tblHeader/>", "<w:cantSplit/>", fmt.Sprintf(`<w:tblW w:w="%d" w:type="dxa"/>`, tableWidth/3*3)} {
			if !strings.Contains(doc, want) {
				t.Errorf("table lacks %s", want)
			}
		}
		if n := strings.Count(doc, "<w:tblHeader/>"); n != 1 {
			t.Errorf("%d header rows, want 1", n)
		}
		if n := strings.Count(doc, "<w:tc>"); n != 9 {
			t.Errorf("%d cells, want 9 (a short row is padded)", n)
		}
	})
}

// TestGeometry: the numbers the layout promises.
func TestGeometry(t *testing.T) {
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"text block width mm", float64(textWidth) / twipsPerMM, 156},
		{"text block height mm", float64(textHeight) / twipsPerMM, 225},
		{"right margin mm", float64(marginRight) / twipsPerMM, 26},
		{"bottom margin mm", float64(marginBottom) / twipsPerMM, 35},
	} {
		if c.got < c.want-0.05 || c.got > c.want+0.05 {
			t.Errorf("%s = %.2f, want %.0f", c.what, c.got, c.want)
		}
	}
	if n := textHeight / linePitch; n != linesPerPage {
		t.Errorf("%d lines of %d twips fit the text block, want 22", n, linePitch)
	}
	if w := float64(charsPerLine * (bodyPoints*twipsPerPt + condense)); w > float64(textWidth) || w < float64(textWidth)-float64(charsPerLine)*2 {
		t.Errorf("28 condensed characters are %.0f twips, the line %d", w, textWidth)
	}
}

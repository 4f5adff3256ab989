package docx

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"electsum/analytics"
	"electsum/reports"
)

// TestLibreOfficeRendering converts drafts to PDF with LibreOffice, as a clerk's office suite would
// open them, and checks what a reader sees: A4 pages, 22 lines a page, the page count, the text of
// page 1, page numbers right on odd pages and left on even ones, and the data-check notes on a page
// of their own. It needs soffice, pdfinfo and pdftotext (Debian: libreoffice-writer poppler-utils
// fonts-noto-cjk) and is skipped without them.
func TestLibreOfficeRendering(t *testing.T) {
	soffice := ""
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			soffice = p
			break
		}
	}
	if soffice == "" {
		t.Skip("soffice is not on the PATH: the .docx is not converted to PDF (apt-get install libreoffice-writer poppler-utils fonts-noto-cjk to run this test)")
	}
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not on the PATH (apt-get install poppler-utils to run this test)", tool)
		}
	}
	if testing.Short() {
		t.Skip("converting with LibreOffice takes tens of seconds; skipped with -short")
	}
	dir := t.TempDir()
	md, county := draft(t, analytics.LevelCounty, testConfig(), reports.Hans)
	files := map[string][]byte{"county.docx": county}
	// One-line paragraphs, no title: 44 fill two pages exactly, 45 need a third.
	for _, n := range []int{44, 45} {
		var src strings.Builder
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&src, "第%d行。\n\n", i)
		}
		var buf bytes.Buffer
		if err := write(&buf, []byte(src.String()), [2]string{"【待补充：", "】"}, "行数", simplifiedFonts, testTime); err != nil {
			t.Fatal(err)
		}
		files[fmt.Sprintf("lines%d.docx", n)] = buf.Bytes()
	}
	args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", dir}
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}

	for _, c := range []struct {
		file  string
		pages int
	}{{"lines44.pdf", 2}, {"lines45.pdf", 3}} {
		size, pages := pdfInfo(t, filepath.Join(dir, c.file))
		if pages != c.pages {
			t.Errorf("%s: %d pages, want %d (22 lines a page)", c.file, pages, c.pages)
		}
		checkA4(t, c.file, size)
	}

	pdf := filepath.Join(dir, "county.pdf")
	size, pages := pdfInfo(t, pdf)
	checkA4(t, "county.pdf", size)
	if pages < 3 {
		t.Fatalf("county draft has %d pages; its text and notes need at least 3", pages)
	}
	page1 := pdfText(t, pdf, 1, false)
	flat := strings.Join(strings.Fields(page1), "")
	lines := strings.Split(md, "\n")
	title := strings.TrimPrefix(lines[0], "# ")
	opening := []rune(lines[2])[:30]
	if !strings.HasPrefix(flat, title) {
		t.Errorf("page 1 does not start with the title %q:\n%s", title, page1)
	}
	if !strings.Contains(flat, string(opening)) {
		t.Errorf("page 1 lacks the opening %q:\n%s", string(opening), page1)
	}
	if !strings.HasSuffix(flat, "—1—") {
		t.Errorf("page 1 does not end with its number — 1 —:\n%s", page1)
	}
	// Odd page numbers near the right edge, even ones near the left.
	for page, right := range map[int]bool{1: true, 2: false} {
		number := lastLine(pdfText(t, pdf, page, true))
		indent := len(number) - len(strings.TrimLeft(number, " "))
		if right != (indent > 30) {
			t.Errorf("page %d number line %q (indent %d): want it on the %s", page, number, indent, map[bool]string{true: "right", false: "left"}[right])
		}
	}
	// The notes follow the 落款 on a new page.
	signed, notes := 0, 0
	for p := 1; p <= pages; p++ {
		text := strings.Join(strings.Fields(pdfText(t, pdf, p, false)), "")
		if strings.Contains(text, "中共示例县委组织部") {
			signed = p
		}
		if strings.Contains(text, "数据核对（起草参考") {
			notes = p
		}
	}
	if strings.Contains(md, "数据核对（起草参考") && (signed == 0 || notes != signed+1) {
		t.Errorf("落款 on page %d, notes on page %d: want the notes to start the next page", signed, notes)
	}
}

var pageSize = regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`)

func pdfInfo(t *testing.T, pdf string) (size [2]float64, pages int) {
	t.Helper()
	out, err := exec.Command("pdfinfo", pdf).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v\n%s", pdf, err, out)
	}
	m := pageSize.FindStringSubmatch(string(out))
	p := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(string(out))
	if m == nil || p == nil {
		t.Fatalf("pdfinfo %s:\n%s", pdf, out)
	}
	size[0], _ = strconv.ParseFloat(m[1], 64)
	size[1], _ = strconv.ParseFloat(m[2], 64)
	pages, _ = strconv.Atoi(p[1])
	return size, pages
}

// checkA4: A4 is 595.28 × 841.89 pt.
func checkA4(t *testing.T, name string, size [2]float64) {
	t.Helper()
	if size[0] < 594 || size[0] > 597 || size[1] < 840.5 || size[1] > 843.5 {
		t.Errorf("%s page size %.2f × %.2f pt, want A4 (595.28 × 841.89)", name, size[0], size[1])
	}
}

func pdfText(t *testing.T, pdf string, page int, layout bool) string {
	t.Helper()
	args := []string{"-f", fmt.Sprint(page), "-l", fmt.Sprint(page)}
	if layout {
		args = append(args, "-layout")
	}
	out, err := exec.Command("pdftotext", append(args, pdf, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s page %d: %v", pdf, page, err)
	}
	return string(out)
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n\f "), "\n")
	return lines[len(lines)-1]
}

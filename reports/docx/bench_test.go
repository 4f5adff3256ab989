package docx

import (
	"io"
	"testing"

	"electsum/analytics"
	"electsum/reports"
)

// BenchmarkWriteCounty writes the county draft of the generated test county as .docx: Markdown
// rendering, parsing and layout, and the zip package.
func BenchmarkWriteCounty(b *testing.B) {
	v := reports.NewView(summaries(b)[analytics.LevelCounty], testConfig())
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, reports.Builtin(), v, reports.Hans); err != nil {
			b.Fatal(err)
		}
	}
}

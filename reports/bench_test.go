package reports

import (
	"io"
	"testing"
)

func BenchmarkMarkdownCounty(b *testing.B) {
	v := NewView(countyFixture(), testConfig())
	for b.Loop() {
		if err := Builtin().Markdown(io.Discard, v, Hans); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHTMLCountyTraditional(b *testing.B) {
	v := NewView(countyFixture(), testConfig())
	for b.Loop() {
		if err := Builtin().HTML(io.Discard, v, Hant); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewView(b *testing.B) {
	s := countyFixture()
	for b.Loop() {
		NewView(s, Config{})
	}
}

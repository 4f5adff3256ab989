package analytics

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestLabelCountsAsEncodingJSON: labelCounts reads the objects of the figure macros' to_json as
// encoding/json does, by its quick path (plainCounts) where it can and by encoding/json for the rest.
func TestLabelCountsAsEncodingJSON(t *testing.T) {
	for _, c := range []struct {
		text  string
		plain bool // read by plainCounts
	}{
		{`{}`, true},
		{`{"女":3,"男":12}`, true},
		{`{"35岁及以下":0,"36-45岁":7,"56岁以上":120}`, true},
		{`{"":1}`, true},
		{`{"a\"b":1}`, false},
		{`{"a\\b":1}`, false},
		{`{"\u0041":2}`, false},
		{`{"a":1, "b":2}`, false},
		{`{"a":1,"a":2}`, false},
		{`{"a":1.5}`, false},
		{`{"a":-1}`, false},
		{`{"a":01}`, false},
		{`{"a":1,}`, false},
		{`{"a"}`, false},
		{`{"a":}`, false},
		{"{\"\xff\":1}", false},
	} {
		m, ok := plainCounts(c.text)
		if ok != c.plain {
			t.Errorf("plainCounts(%s): ok %v, want %v", c.text, ok, c.plain)
		}
		want := map[string]int{}
		if err := json.Unmarshal([]byte(c.text), &want); err != nil {
			if ok {
				t.Errorf("plainCounts(%s) read what encoding/json refuses (%v)", c.text, err)
			}
			continue
		}
		if ok && !reflect.DeepEqual(m, want) {
			t.Errorf("plainCounts(%s) = %v, encoding/json %v", c.text, m, want)
		}
		if got := labelCounts(c.text); !reflect.DeepEqual(got, want) {
			t.Errorf("labelCounts(%s) = %v, encoding/json %v", c.text, got, want)
		}
	}
}

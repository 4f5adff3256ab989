package electsum

import "testing"

func TestNumberInName(t *testing.T) {
	for _, c := range []struct {
		name string
		n    int
		ok   bool
	}{
		{"第一选区", 1, true},
		{"第三选区", 3, true},
		{"第十二选区", 12, true},
		{"第二十一选区", 21, true},
		{"县第36选区", 36, true},
		{"第３选区", 3, true},
		{"7号选区", 7, true},
		{"城关选区", 0, false},
		{"第选区", 0, false},
		{"", 0, false},
	} {
		if n, ok := NumberInName(c.name); n != c.n || ok != c.ok {
			t.Errorf("NumberInName(%q) = %d, %v; want %d, %v", c.name, n, ok, c.n, c.ok)
		}
	}
}

func TestChineseNumber(t *testing.T) {
	for s, want := range map[string]int{"一": 1, "十": 10, "十一": 11, "二十": 20, "九十九": 99, "兩": 2} {
		if n, ok := ChineseNumber(s); !ok || n != want {
			t.Errorf("ChineseNumber(%q) = %d, %v; want %d", s, n, ok, want)
		}
	}
	for _, s := range []string{"", "百", "一二三", "十十"} {
		if _, ok := ChineseNumber(s); ok {
			t.Errorf("ChineseNumber(%q) ok, want not", s)
		}
	}
}

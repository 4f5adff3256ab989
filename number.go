package electsum

import "strconv"

var chineseDigits = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '兩': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// ChineseNumber reads 一 … 九十九, as 届次 (第十届) and 选区 (第二十一选区) are numbered.
func ChineseNumber(s string) (int, bool) {
	rs := []rune(s)
	switch len(rs) {
	case 1:
		if rs[0] == '十' {
			return 10, true
		}
		d, ok := chineseDigits[rs[0]]
		return d, ok
	case 2:
		if rs[0] == '十' { // 十一
			d, ok := chineseDigits[rs[1]]
			return 10 + d, ok
		}
		if rs[1] == '十' { // 二十
			d, ok := chineseDigits[rs[0]]
			return d * 10, ok
		}
	case 3:
		if rs[1] == '十' { // 二十一
			t, ok1 := chineseDigits[rs[0]]
			d, ok2 := chineseDigits[rs[2]]
			return t*10 + d, ok1 && ok2
		}
	}
	return 0, false
}

// NumberInName is the number a name gives its place in a list: the first digits in it (县第36选区, 3号
// 选区, 第３选区) or the Chinese numerals after a 第 (第三选区, 第十二选区). ok is false for a name without
// either (城关选区), so that such a name sorts by itself.
func NumberInName(name string) (n int, ok bool) {
	rs := []rune(name)
	for i, r := range rs {
		if d := digit(r); d >= 0 {
			j := i
			for j < len(rs) && digit(rs[j]) >= 0 {
				j++
			}
			digits := make([]byte, 0, j-i)
			for _, r := range rs[i:j] {
				digits = append(digits, byte('0'+digit(r)))
			}
			n, err := strconv.Atoi(string(digits))
			return n, err == nil
		}
	}
	for i, r := range rs {
		if r != '第' {
			continue
		}
		j := i + 1
		for j < len(rs) && (rs[j] == '十' || chineseDigits[rs[j]] > 0 || rs[j] == '零' || rs[j] == '〇') {
			j++
		}
		if n, ok := ChineseNumber(string(rs[i+1 : j])); ok {
			return n, true
		}
	}
	return 0, false
}

// digit is the value of an ASCII or full-width digit, -1 for anything else.
func digit(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}

package electsum

import (
	"math"
	"strconv"
	"strings"
)

// MaskID masks an id number (身份证号) as 3301**********1234: the first four and the last four characters
// stay, every other one becomes *. Numbers of eight characters or fewer are masked whole; an empty
// number stays empty, surrounding spaces are dropped. Masking a masked number changes nothing.
func MaskID(id string) string {
	r := []rune(strings.TrimSpace(id))
	if len(r) <= 8 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:4]) + strings.Repeat("*", len(r)-8) + string(r[len(r)-4:])
}

// MaskIDsIn masks, as MaskID does, every 身份证号 inside text: each 18 characters of 17 digits and a
// check character (X or x) that CheckID accepts, wherever they stand (inside longer digit runs too),
// and each run of exactly 15 digits, an old number, whose digits 7–12 are a real date 19YYMMDD. A
// number that went through a floating-point type has lost its check digit, so it is also masked when
// RoundedID takes it for one: a run of exactly 18 digits that is a double's value as written
// (110101198201011250, 110101198201011248) and a number in exponent form (1.1010119820101125e+17). The
// rest of text is unchanged. Query output uses it to hide numbers whatever column, alias or
// expression carries them.
func MaskIDsIn(text string) string {
	if len(text) < 15 {
		return text
	}
	var masked []byte // a copy of text, made at the first number found
	mask := func(from, to int) {
		if masked == nil {
			masked = []byte(text)
		}
		copy(masked[from:], MaskID(text[from:to]))
	}
	digits := 0 // the digits just before i
	for i := 0; i <= len(text); i++ {
		c := byte(0)
		if i < len(text) {
			c = text[i]
		}
		isDigit := c >= '0' && c <= '9'
		if digits >= 17 && (isDigit || c == 'X' || c == 'x') {
			id := text[i-17 : i+1]
			if c == 'x' {
				id = text[i-17:i] + "X"
			}
			if _, fault := CheckID(id); fault == IDValid {
				mask(i-17, i+1)
			}
		}
		if !isDigit && digits == 15 {
			if _, ok := oldIDBirth(text[i-15 : i]); ok {
				mask(i-15, i)
			}
		}
		if !isDigit && digits == 18 && (i == len(text) || c != 'X' && c != 'x') && doubleText(text[i-18:i]) {
			mask(i-18, i)
		}
		if (c == 'e' || c == 'E') && digits > 0 {
			if from, to := exponentNumber(text, i); to > from {
				mask(from, to)
			}
		}
		if isDigit {
			digits++
		} else {
			digits = 0
		}
	}
	if masked == nil {
		return text
	}
	return string(masked)
}

// IDColumn reports whether a column named name holds 身份证号 by its name: 身份证号, 身份證號码,
// 公民身份号码 and other names holding 身份证/身份證/公民身份, and the English and pinyin names
// id_number, id_no, id_card, citizen_id, national_id, sfzh … (case, spaces, _ and - ignored).
func IDColumn(name string) bool {
	n := strings.ToLower(name)
	if strings.Contains(n, "身份证") || strings.Contains(n, "身份證") || strings.Contains(n, "公民身份") {
		return true
	}
	n = strings.NewReplacer(" ", "", "_", "", "-", "", ".", "").Replace(n)
	switch n {
	case "idnumber", "idno", "idnum", "idcard", "idcardno", "idcardnumber", "identitycard", "identitycardnumber",
		"identitynumber", "citizenid", "citizenidnumber", "nationalid", "residentid", "sfzh", "sfz", "sfzhm":
		return true
	}
	return false
}

// RoundedID reports whether f may be a 身份证号 that went through a floating-point number (an
// analyst's CAST(… AS DOUBLE), a column a reader took for numbers): a whole number of 18 digits whose
// digits 7–14 are a birth date from 1900 to 2100, which a double keeps exactly while it loses the check
// digit, or of 15 digits that is an old number (RoundedID(float64(n)) for those is exact).
func RoundedID(f float64) bool {
	if f != math.Trunc(f) || math.Abs(f) < 1e14 || math.Abs(f) >= 1e18 {
		return false
	}
	digits := strconv.FormatFloat(math.Abs(f), 'f', 0, 64)
	switch len(digits) {
	case 15:
		_, ok := oldIDBirth(digits)
		return ok
	case 18:
		birth, ok := IDBirth(digits)
		return ok && birth.Year() >= 1900 && birth.Year() <= 2100
	}
	return false
}

// doubleText says whether 18 digits are a double's value as a program writes it, exactly
// (110101198201011248) or shortest (110101198201011250), and RoundedID takes it for a 身份证号. A
// number typed by a person fails the first test 15 times in 16, and a 身份证号 stored as text is
// checked whole by CheckID instead.
func doubleText(digits string) bool {
	f, err := strconv.ParseFloat(digits, 64)
	if err != nil || !RoundedID(f) {
		return false
	}
	return strconv.FormatFloat(f, 'f', 0, 64) == digits || strconv.FormatFloat(f, 'f', -1, 64) == digits
}

// exponentNumber finds the number in exponent form whose e or E is text[at] (1.1010119820101125e+17),
// and returns where it stands if RoundedID takes it for a 身份证号; from == to otherwise.
func exponentNumber(text string, at int) (from, to int) {
	from = at
	for from > 0 && (text[from-1] >= '0' && text[from-1] <= '9' || text[from-1] == '.') {
		from--
	}
	to = at + 1
	if to < len(text) && (text[to] == '+' || text[to] == '-') {
		to++
	}
	start := to
	for to < len(text) && text[to] >= '0' && text[to] <= '9' {
		to++
	}
	if to == start || text[from] == '.' {
		return 0, 0
	}
	f, err := strconv.ParseFloat(text[from:to], 64)
	if err != nil || !RoundedID(f) {
		return 0, 0
	}
	return from, to
}

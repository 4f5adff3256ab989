package electsum

import "strings"

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
// and each run of exactly 15 digits, an old number, whose digits 7–12 are a real date 19YYMMDD. The
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

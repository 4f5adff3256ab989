package ingest

import (
	"strings"
	"time"
)

// idFault says what is wrong with a 身份证号; idOK when nothing is.
type idFault int

const (
	idOK       idFault = iota
	idLength           // not 18 characters
	idChecksum         // a non-digit, or the ISO 7064 MOD 11-2 check digit does not match
	idDate             // digits 7–14 are not a real date
)

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// normIDNumber writes a 身份证号 the one way it is stored: half-width, upper-case X, no spaces.
func normIDNumber(s string) string {
	s = halfWidthDigits(s)
	if strings.IndexByte(s, 'x') >= 0 {
		s = strings.ReplaceAll(s, "x", "X")
	}
	if strings.ContainsAny(s, " \u3000") {
		s = strings.Join(strings.Fields(s), "")
	}
	return s
}

// checkIDNumber validates an 18-character 身份证号 (GB 11643) and returns the birth date and gender it
// encodes: the 17th digit is odd for 男.
func checkIDNumber(id string) (birth time.Time, gender string, fault idFault) {
	if len(id) != 18 {
		return birth, "", idLength
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return birth, "", idChecksum
		}
		sum += int(c-'0') * idWeights[i]
	}
	if id[17] != idCheckChars[sum%11] {
		return birth, "", idChecksum
	}
	y, _ := asciiInt(id[6:10])
	m, _ := asciiInt(id[10:12])
	d, _ := asciiInt(id[12:14])
	birth, ok := validDate(y, m, d)
	if !ok {
		return birth, "", idDate
	}
	gender = "女"
	if (id[16]-'0')%2 == 1 {
		gender = "男"
	}
	return birth, gender, idOK
}

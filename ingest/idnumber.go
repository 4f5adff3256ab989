package ingest

import (
	"strings"
	"time"

	"electsum"
)

// normIDNumber writes a 身份证号 the one way it is stored: half-width, upper-case X, no spaces.
func normIDNumber(s string) string {
	s = halfWidthDigits(s)
	if strings.IndexByte(s, 'x') >= 0 {
		s = strings.ReplaceAll(s, "x", "X")
	}
	if strings.IndexByte(s, ' ') >= 0 || strings.Contains(s, "\u3000") {
		s = strings.Join(strings.Fields(s), "")
	}
	return s
}

// checkIDNumber validates a stored 身份证号 by electsum.CheckID and returns the birth date and gender it
// encodes: the 17th digit is odd for 男.
func checkIDNumber(id string) (birth time.Time, gender string, fault electsum.IDFault) {
	birth, fault = electsum.CheckID(id)
	if fault != electsum.IDValid {
		return birth, "", fault
	}
	gender = "女"
	if (id[16]-'0')%2 == 1 {
		gender = "男"
	}
	return birth, gender, fault
}

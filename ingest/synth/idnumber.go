package synth

import (
	"fmt"
	"time"

	"electsum"
)

// idNumber builds an 18-character 身份证号: region code, birth date, a three-digit sequence whose last
// digit is odd for men and even for women, and the check digit.
func idNumber(region string, birth time.Time, seq int, female bool) string {
	seq = seq % 500 * 2 // even
	if !female {
		seq++
	}
	s := fmt.Sprintf("%s%s%03d", region, birth.Format("20060102"), seq)
	return s + string(electsum.IDCheckChar(s))
}

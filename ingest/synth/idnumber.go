package synth

import (
	"fmt"
	"time"
)

// idWeights are the ISO 7064 MOD 11-2 weights of the first 17 digits of a 身份证号.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// CheckDigit returns the 18th character of a 身份证号 whose first 17 characters are digits.
func CheckDigit(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return "10X98765432"[sum%11]
}

// idNumber builds an 18-character 身份证号: region code, birth date, a three-digit sequence whose last
// digit is odd for men and even for women, and the check digit.
func idNumber(region string, birth time.Time, seq int, female bool) string {
	seq = seq % 500 * 2 // even
	if !female {
		seq++
	}
	s := fmt.Sprintf("%s%s%03d", region, birth.Format("20060102"), seq)
	return s + string(CheckDigit(s))
}

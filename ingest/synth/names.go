package synth

import "math/rand/v2"

// Syllables of place names. Township and village names are two of them plus a suffix, as most are.
var (
	placeFirst  = []rune("东西南北大小新老上下前后红青白黄金石柳杨高长平安永太清凤龙桃杏梨枣松竹梅兴福吉和丰宝双三五万河田沙桑茶")
	placeSecond = []rune("山河林湾沟坪岭桥庄店集营堡寨坡塘溪洼滩园岗口台峪屯铺泉源阳星光丰和兴安平城湖")
	// Community names are words of their own rather than places.
	communityNames = []string{"幸福", "和平", "建设", "人民", "解放", "文化", "友谊", "团结", "朝阳", "育才", "光明", "新华",
		"城关", "滨河", "胜利", "东城", "西城", "南街", "北街", "中心", "振兴", "锦绣", "阳光", "康乐", "新村", "花园", "府前", "车站"}
)

// Surnames in rough order of frequency; weights fall off so that 王李张刘陈 dominate as they do.
var surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")

var (
	maleGiven   = []rune("建国军伟强明华平勇志永红刚海林文德成立春东新学宏斌波辉峰磊杰涛鹏超浩宇俊飞龙金福贵荣祥生发全旺喜民庆忠义山水宝树")
	femaleGiven = []rune("秀英华兰芳玉珍梅丽红霞琴敏燕娟静萍凤桂春艳莉婷雪丹洁慧颖佳琳萍翠菊荣月彩云")
)

// Minorities a county may have beside 汉族.
var minorities = []string{"回族", "满族", "土家族", "苗族", "壮族", "蒙古族", "彝族", "瑶族", "侗族", "布依族"}

func pickRune(r *rand.Rand, s []rune) rune { return s[r.IntN(len(s))] }

// surname draws a surname with a Zipf-like weight: index i has weight 1/(i+4).
func surname(r *rand.Rand) string {
	for {
		i := r.IntN(len(surnames))
		if r.Float64() < 4.0/float64(i+4) {
			return string(surnames[i])
		}
	}
}

// personName is a surname and a one- or two-character given name. Villages are often dominated by one
// clan, so clan (when not empty) is used for about a third of the people.
func personName(r *rand.Rand, female bool, clan string) string {
	s := clan
	if s == "" || r.Float64() > 0.35 {
		s = surname(r)
	}
	given := maleGiven
	if female {
		given = femaleGiven
	}
	if r.Float64() < 0.25 {
		return s + string(pickRune(r, given))
	}
	return s + string(pickRune(r, given)) + string(pickRune(r, given))
}

// placeName is two place syllables, e.g. 柳林.
func placeName(r *rand.Rand) string {
	for {
		a, b := pickRune(r, placeFirst), pickRune(r, placeSecond)
		if a != b {
			return string(a) + string(b)
		}
	}
}

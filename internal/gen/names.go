package gen

import (
	"math/rand/v2"
	"strings"
)

// Surnames in rough order of frequency (the first ones are drawn far more often).
var surnames = []string{
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
	"林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
	"潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔",
	"钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦",
	"邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵",
	"万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤", "施", "季", "缪", "瞿", "陈", "张", "王", "李",
}

// Characters of given names; a given name is one or two of them.
var givenChars = []string{
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞",
	"平", "刚", "辉", "玲", "桂", "英", "华", "建", "国", "文", "红", "志", "海", "峰", "亮", "飞", "斌", "鹏",
	"俊", "波", "宇", "浩", "晨", "欣", "婷", "雪", "琳", "倩", "佳", "颖", "凯", "鑫", "昊", "博", "然", "睿",
	"子", "梓", "嘉", "思", "雨", "晓", "立", "春", "秋", "东", "新", "永", "德", "荣", "庆", "林", "正", "学",
	"卫", "兵", "雷", "晶", "燕", "萍", "慧", "蕾", "岩", "松", "健", "宏", "成", "振", "安", "进", "光", "天",
}

func personName(r *rand.Rand) string {
	// Zipf-like pick of the surname: squaring a uniform favours the common ones
	f := r.Float64()
	s := surnames[int(f*f*float64(len(surnames)))]
	g := givenChars[r.IntN(len(givenChars))]
	if r.IntN(10) < 7 {
		g += givenChars[r.IntN(len(givenChars))]
	}
	return s + g
}

// A place is a county-level jurisdiction: its name, the short form used in document numbers, its
// administrative division code (the credit codes' 3rd–8th characters) and its towns and streets.
type place struct {
	name, short, code string
	towns             []string
}

// region is the province of a profile: its one-character abbreviation (certificate numbers), the
// name its discretion benchmarks carry, the export's source system, and its places (the profile's own
// jurisdiction first).
type region struct {
	abbr, province, system string
	places                 []place
}

var regions = map[string]region{
	"qidong": {abbr: "苏", province: "江苏省", system: "江苏省行政执法监督平台", places: []place{
		{"启东市", "启", "320681", []string{"汇龙镇", "南阳镇", "北新镇", "王鲍镇", "合作镇", "海复镇", "近海镇", "寅阳镇", "惠萍镇", "东海镇", "吕四港镇"}},
		{"海门区", "海", "320614", []string{"三厂街道", "海门街道", "滨江街道", "常乐镇", "悦来镇", "临江镇", "四甲镇", "余东镇", "正余镇"}},
		{"如东县", "东", "320623", []string{"掘港街道", "栟茶镇", "洋口镇", "马塘镇", "岔河镇", "双甸镇", "河口镇", "丰利镇"}},
		{"如皋市", "皋", "320682", []string{"如城街道", "东陈镇", "丁堰镇", "白蒲镇", "下原镇", "九华镇", "石庄镇", "长江镇"}},
		{"海安市", "安", "320685", []string{"海安街道", "城东镇", "曲塘镇", "李堡镇", "角斜镇", "南莫镇", "雅周镇"}},
		{"通州区", "通", "320612", []string{"金沙街道", "兴仁镇", "石港镇", "刘桥镇", "平潮镇", "二甲镇", "西亭镇"}},
		{"崇川区", "崇", "320602", []string{"和平桥街道", "城东街道", "观音山街道", "狼山镇街道", "任港街道"}},
		{"江阴市", "澄", "320281", []string{"澄江街道", "周庄镇", "华士镇", "新桥镇", "长泾镇", "顾山镇"}},
		{"昆山市", "昆", "320583", []string{"玉山镇", "巴城镇", "周市镇", "陆家镇", "花桥镇", "淀山湖镇", "千灯镇"}},
		{"常熟市", "虞", "320581", []string{"虞山街道", "梅李镇", "海虞镇", "古里镇", "沙家浜镇", "支塘镇"}},
		{"太仓市", "太", "320585", []string{"城厢镇", "沙溪镇", "浏河镇", "浮桥镇", "璜泾镇", "双凤镇"}},
		{"东台市", "台", "320981", []string{"东台镇", "溱东镇", "时堰镇", "五烈镇", "梁垛镇", "安丰镇"}},
	}},
	"ouhai": {abbr: "浙", province: "浙江省", system: "浙江省行政执法监督平台", places: []place{
		{"温州市瓯海区", "瓯", "330304", []string{"娄桥街道", "潘桥街道", "郭溪街道", "瞿溪街道", "丽岙街道", "仙岩街道", "三垟街道", "梧田街道", "南白象街道", "景山街道", "新桥街道", "茶山街道", "泽雅镇"}},
		{"温州市鹿城区", "鹿", "330302", []string{"五马街道", "南汇街道", "滨江街道", "七都街道", "藤桥镇", "山福镇"}},
		{"温州市龙湾区", "龙", "330303", []string{"永中街道", "蒲州街道", "海滨街道", "状元街道", "瑶溪街道"}},
		{"瑞安市", "瑞", "330381", []string{"安阳街道", "玉海街道", "塘下镇", "飞云街道", "马屿镇", "陶山镇"}},
		{"乐清市", "乐", "330382", []string{"乐成街道", "柳市镇", "虹桥镇", "北白象镇", "大荆镇", "清江镇"}},
		{"永嘉县", "永", "330324", []string{"北城街道", "瓯北街道", "桥头镇", "桥下镇", "岩头镇"}},
		{"平阳县", "平", "330326", []string{"昆阳镇", "鳌江镇", "水头镇", "萧江镇", "万全镇"}},
		{"苍南县", "苍", "330327", []string{"灵溪镇", "矾山镇", "马站镇", "桥墩镇", "钱库镇"}},
	}},
	"taishan": {abbr: "粤", province: "广东省", system: "广东省行政执法信息平台", places: []place{
		{"台山市", "台", "440781", []string{"台城街道", "大江镇", "水步镇", "四九镇", "白沙镇", "三合镇", "冲蒌镇", "斗山镇", "都斛镇", "赤溪镇", "端芬镇", "广海镇", "海宴镇", "汶村镇", "深井镇", "北陡镇", "川岛镇"}},
		{"江门市蓬江区", "蓬", "440703", []string{"环市街道", "潮连街道", "棠下镇", "荷塘镇", "杜阮镇"}},
		{"江门市江海区", "江", "440704", []string{"外海街道", "礼乐街道", "江南街道"}},
		{"江门市新会区", "新", "440705", []string{"会城街道", "大泽镇", "司前镇", "罗坑镇", "双水镇", "崖门镇"}},
		{"开平市", "开", "440783", []string{"长沙街道", "三埠街道", "水口镇", "沙塘镇", "苍城镇", "赤坎镇"}},
		{"鹤山市", "鹤", "440784", []string{"沙坪街道", "雅瑶镇", "古劳镇", "龙口镇", "共和镇"}},
		{"恩平市", "恩", "440785", []string{"恩城街道", "横陂镇", "圣堂镇", "良西镇", "沙湖镇"}},
	}},
	"xinzhou": {abbr: "鄂", province: "湖北省", system: "湖北省行政执法监督平台", places: []place{
		{"武汉市新洲区", "新", "420117", []string{"邾城街道", "阳逻街道", "仓埠街道", "汪集街道", "李集街道", "三店街道", "潘塘街道", "旧街街道", "双柳街道", "涨渡湖街道", "辛冲街道", "徐古街道", "凤凰镇"}},
		{"武汉市黄陂区", "陂", "420116", []string{"前川街道", "祁家湾街道", "横店街道", "滠口街道", "武湖街道", "木兰乡"}},
		{"武汉市江夏区", "夏", "420115", []string{"纸坊街道", "金口街道", "郑店街道", "五里界街道", "山坡街道"}},
		{"武汉市蔡甸区", "蔡", "420114", []string{"蔡甸街道", "奓山街道", "永安街道", "侏儒山街道", "索河街道"}},
		{"武汉市东西湖区", "东", "420112", []string{"吴家山街道", "将军路街道", "慈惠街道", "走马岭街道"}},
	}},
}

// regionOf picks the region for a profile id ("qidong-2023" → qidong); national and unknown
// profiles use the Jiangsu places.
func regionOf(profile string) region {
	key, _, _ := strings.Cut(profile, "-")
	if r, ok := regions[key]; ok {
		return r
	}
	return regions["qidong"]
}

// Town names beyond a place's real ones are made of two characters and 镇.
var townFirst = []string{"东", "西", "南", "北", "新", "大", "三", "双", "长", "白", "青", "金", "石", "马", "花", "柳", "杨", "桃", "龙", "凤", "安", "永", "兴", "和", "平", "福", "宝", "丰", "太", "仁"}
var townSecond = []string{"河", "桥", "港", "湾", "山", "岭", "集", "店", "庄", "埠", "塘", "口", "岗", "沟", "坝", "园", "洲", "湖", "溪", "浦", "田", "墩", "泾", "圩"}

// departments are the enforcement departments of a place: name suffix, document-number short form,
// the field they enforce, and whether they have a 执法监督科.
type department struct {
	name, short, field string
	office             bool
}

var departments = []department{
	{"市场监督管理局", "市监", "市场监督管理", true},
	{"综合行政执法局", "综执", "综合行政执法", true},
	{"生态环境局", "环", "生态环境", true},
	{"交通运输局", "交", "交通运输", true},
	{"应急管理局", "应急", "应急管理", true},
	{"卫生健康委员会", "卫健", "卫生健康", true},
	{"自然资源和规划局", "自然资源", "自然资源", true},
	{"农业农村局", "农", "农业农村", false},
	{"文化广电和旅游局", "文旅", "文化市场", false},
	{"住房和城乡建设局", "住建", "住房城乡建设", false},
	{"水务局", "水", "水行政", false},
	{"人力资源和社会保障局", "人社", "劳动保障监察", false},
	{"商务局", "商", "商务", false},
	{"教育体育局", "教体", "教育", false},
	{"医疗保障局", "医保", "医疗保障", false},
	{"民政局", "民", "民政", false},
	{"发展和改革委员会", "发改", "发展改革", false},
}

// Enterprise names: 字号 characters, trades and forms.
var brandChars = []string{
	"华", "鑫", "宏", "恒", "盛", "达", "通", "源", "泰", "丰", "博", "瑞", "祥", "安", "德", "信", "海", "润",
	"天", "新", "金", "永", "明", "嘉", "和", "中", "裕", "辰", "星", "宇", "晟", "顺", "隆", "兴", "昌", "浩",
	"锦", "利", "力", "佳", "美", "康", "百", "汇", "联", "众", "诚", "远", "创", "卓", "凯", "悦", "乐", "鼎",
}

var trades = []string{
	"食品", "餐饮管理", "建材", "机械制造", "纺织", "化工", "物流", "商贸", "药业", "电子科技", "建筑工程",
	"农业科技", "汽车服务", "五金制品", "服饰", "家具", "印务", "环保科技", "新能源", "水产", "酒店管理",
	"医疗器械", "塑业", "钢结构", "包装材料", "船舶配件", "信息技术", "房地产开发", "物业管理", "粮油",
}

var shops = []string{"便利店", "饭店", "超市", "小吃店", "五金店", "烟酒店", "理发店", "药店", "水果店", "汽车修理部"}

// uscc is the 31-character alphabet of the unified social credit code (GB 32100-2015).
const uscc = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
var orgWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// creditCode builds an 18-character unified social credit code with both check characters right:
// registration authority and type (91 company, 92 individual business, 52 social organisation), the
// division code, an organisation code whose body encodes n (distinct n, distinct code) and its GB 11714
// check digit, and the GB 32100 check character.
func creditCode(prefix, division string, n uint64) string {
	// a bijective scramble of n over 31^8 so that neighbouring enterprises do not get neighbouring codes
	const mod = 852891037441 // 31^8
	x := (n*2654435761 + 40503) % mod
	body := make([]byte, 8)
	for i := 7; i >= 0; i-- {
		body[i] = uscc[x%31]
		x /= 31
	}
	sum := 0
	for i, c := range body {
		sum += orgWeights[i] * gb11714Value(c)
	}
	var check byte
	switch c := 11 - sum%11; c {
	case 10:
		check = 'X'
	case 11:
		check = '0'
	default:
		check = byte('0' + c)
	}
	code := prefix + division + string(body) + string(check)
	sum = 0
	for i := 0; i < 17; i++ {
		sum += usccWeights[i] * strings.IndexByte(uscc, code[i])
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return code + string(uscc[c])
}

func gb11714Value(c byte) int {
	if c >= '0' && c <= '9' {
		return int(c - '0')
	}
	return int(c-'A') + 10
}

// enterprise is a party or an inspected enterprise, the same for the same (unit, index) everywhere in
// an export.
type enterprise struct {
	name, code string
	individual bool // 个体工商户
}

func makeEnterprise(seed uint64, pl place, unit, j int) enterprise {
	n := uint64(unit)*100000 + uint64(j)
	r := rand.New(rand.NewPCG(seed^0x5eed0fe, n))
	town := pl.name
	if len(pl.towns) > 0 && r.IntN(3) == 0 {
		town = strings.TrimSuffix(strings.TrimSuffix(pl.towns[r.IntN(len(pl.towns))], "街道"), "镇")
	}
	short := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(pl.name, "市"), "县"), "区")
	if i := strings.Index(short, "市"); i >= 0 {
		short = short[i+len("市"):]
	}
	if r.IntN(5) == 0 {
		// 个体工商户: a shop named after its keeper or the street
		return enterprise{name: town + brandChars[r.IntN(len(brandChars))] + brandChars[r.IntN(len(brandChars))] + shops[r.IntN(len(shops))],
			code: creditCode("92", pl.code, n), individual: true}
	}
	brand := brandChars[r.IntN(len(brandChars))] + brandChars[r.IntN(len(brandChars))]
	form := "有限公司"
	switch r.IntN(10) {
	case 0:
		form = "股份有限公司"
	case 1:
		form = "有限责任公司"
	}
	prefix := pl.name
	if r.IntN(2) == 0 {
		prefix = short
	}
	return enterprise{name: prefix + brand + trades[r.IntN(len(trades))] + form, code: creditCode("91", pl.code, n)}
}

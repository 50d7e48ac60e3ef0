package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"time"
)

// What an officer is, for the records that name officers.
const (
	offNormal      = iota // certified officer on an enforcement post: handles cases
	offLapsed             // certificate expired in the year (QUAL-01 plants use them as handlers)
	offUncertified        // recruit without a certificate, not on an enforcement post
	offNewcomer           // first certified in the year (TRN-04)
	offOffPost            // valid certificate, post `other` (QUAL-03 plant)
	offAuxiliary
	offThirdParty
)

// officerCore is what cases and incidents need of an officer; the pass over officers adds training
// and exams from another stream.
type officerCore struct {
	id, name, role, post string
	status               int
	reviewer             bool
	cert                 *certJSON
	firstCertified       string
	first                day // first_certified as a day, for newcomers
}

type certJSON struct {
	Number  string `json:"number"`
	Issued  string `json:"issued"`
	Expires string `json:"expires"`
	Status  string `json:"status"`
}

// officersOf derives a unit's officers (the same on every call).
func (g *generator) officersOf(u *unitPlan) []officerCore {
	r := g.rng(u.idx, streamOfficers)
	out := make([]officerCore, u.nOff)
	nRole := 0
	for i := range out {
		o := &out[i]
		o.id = fmt.Sprintf("%s-P%04d", u.id, i+1)
		o.name = personName(r)
		x := r.Float64()
		switch {
		case i < 2 || x >= 0.15:
			o.role, o.status = "officer", offNormal
			nRole++
		case x < 0.03:
			o.role, o.status, o.post = "third_party", offThirdParty, "other"
		default:
			o.role, o.status, o.post = "auxiliary", offAuxiliary, "other"
		}
	}
	// the few officers who are not certified enforcement officers on post: never the first two, and
	// at most 8% of the unit's officers (CERT-01's 90% for towns holds)
	special := int(0.08 * float64(nRole))
	pick := func() int {
		for tries := 0; tries < 20; tries++ {
			i := 2 + r.IntN(max(1, len(out)-2))
			if i < len(out) && out[i].status == offNormal {
				return i
			}
		}
		return -1
	}
	if g.on["QUAL-01"] && g.rate > 0 && nRole >= 13 && special > 0 {
		if i := pick(); i >= 0 {
			out[i].status = offLapsed
			special--
		}
	}
	if nRole >= 25 {
		for k := r.IntN(3); k > 0 && special > 0; k-- {
			if i := pick(); i >= 0 {
				out[i].status = offUncertified
				special--
			}
		}
	}
	for i := 2; i < len(out); i++ {
		if out[i].status == offNormal && r.Float64() < 0.04 {
			out[i].status = offNewcomer
		}
	}
	for i := 2; i < len(out); i++ {
		if out[i].status == offNormal && g.plant(r, "QUAL-03") {
			out[i].status = offOffPost
		}
	}
	// legal reviewers: more than 5% of the unit's officers (QUAL-05), certified and on post
	if !u.noReviewers && nRole > 0 {
		want := nRole/20 + 1
		for i := len(out) - 1; i >= 0 && want > 0; i-- {
			if out[i].status == offNormal {
				out[i].reviewer = true
				want--
			}
		}
	}
	y := g.year
	for i := range out {
		o := &out[i]
		switch o.status {
		case offNormal, offOffPost:
			issued := time.Date(y-4, 2, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(4*365-40))
			o.cert = g.certificate(u, i, issued, "valid")
			first := issued.AddDate(-5*r.IntN(3), -r.IntN(12), -r.IntN(28))
			o.firstCertified = first.Format("2006-01-02")
			o.post = "enforcement"
			if o.status == offOffPost {
				o.post = "other"
			}
		case offLapsed:
			exp := g.d.between(r, g.jan1+31, g.jan1+270, false)
			t, _ := time.Parse("2006-01-02", g.d.str(exp))
			o.cert = g.certificate(u, i, t.AddDate(-5, 0, 1), "expired")
			o.cert.Expires = g.d.str(exp)
			o.firstCertified = t.AddDate(-5-5*r.IntN(2), 0, 1).Format("2006-01-02")
			o.post = "enforcement"
		case offNewcomer:
			o.first = g.d.between(r, g.jan1+60, g.jan1+300, true)
			t, _ := time.Parse("2006-01-02", g.d.str(o.first))
			o.cert = g.certificate(u, i, t, "valid")
			o.firstCertified = g.d.str(o.first)
			o.post = "enforcement"
		case offUncertified:
			o.post = "other"
		}
	}
	return out
}

func (g *generator) certificate(u *unitPlan, i int, issued time.Time, status string) *certJSON {
	return &certJSON{
		Number:  fmt.Sprintf("%s执%s%d%05d", g.region.abbr, u.place.code, issued.Year(), (u.idx*389+i*7+1)%100000),
		Issued:  issued.Format("2006-01-02"),
		Expires: issued.AddDate(5, 0, -1).Format("2006-01-02"),
		Status:  status,
	}
}

// handlerPool is the officers who may handle the unit's cases: certified, on post, certificate valid
// all year. Legal reviewers stay out of it while there are enough others.
func handlerPool(offs []officerCore) (pool, lapsed, auxiliaries []int) {
	var reviewers []int
	for i, o := range offs {
		switch o.status {
		case offNormal:
			if o.reviewer {
				reviewers = append(reviewers, i)
			} else {
				pool = append(pool, i)
			}
		case offLapsed:
			lapsed = append(lapsed, i)
		case offAuxiliary:
			auxiliaries = append(auxiliaries, i)
		}
	}
	if len(pool) < 4 {
		pool = append(pool, reviewers...)
	}
	return pool, lapsed, auxiliaries
}

type officerJSON struct {
	ID             string         `json:"id"`
	Name           string         `json:"name"`
	Unit           string         `json:"unit"`
	Role           string         `json:"role"`
	Post           string         `json:"post"`
	LegalReviewer  bool           `json:"legal_reviewer"`
	Certificate    *certJSON      `json:"certificate"`
	FirstCertified string         `json:"first_certified,omitempty"`
	Training       []trainingJSON `json:"training"`
	Exams          []examJSON     `json:"exams,omitempty"`
}

type trainingJSON struct {
	Date     string  `json:"date"`
	Hours    float64 `json:"hours"`
	Category string  `json:"category"`
	Course   string  `json:"course"`
}

type examJSON struct {
	Date   string  `json:"date"`
	Kind   string  `json:"kind"`
	Sat    bool    `json:"sat"`
	Passed bool    `json:"passed"`
	Score  float64 `json:"score"`
}

var courses = map[string][]string{
	"business": {"行政执法业务知识培训", "行政许可办理规范", "食品安全监管实务", "特种设备安全监察要点", "案件审理工作要点",
		"双随机一公开监管实务", "信用监管与联合惩戒", "行政检查规范化建设", "执法领域专业知识更新"},
	"skills": {"执法文书制作规范", "调查取证技巧", "执法记录仪使用规范", "行政执法案卷评查实务", "现场检查笔录制作",
		"证据收集与固定", "电子数据取证实务", "执法沟通与说理技巧"},
	"law": {"行政处罚法解读", "行政强制法专题", "民法典专题讲座", "行政复议法修订解读", "行政诉讼典型案例评析",
		"行政许可法专题", "优化营商环境条例解读"},
	"prudent":     {"包容审慎监管专题", "柔性执法与说理式执法", "轻微违法行为告知承诺制"},
	"discretion":  {"行政裁量权基准适用", "裁量基准制度解读", "行政处罚裁量权规范专题"},
	"exempt_list": {"免罚轻罚清单实施培训", "轻微违法行为不予处罚清单解读", "首违不罚制度实务"},
	"political":   {"习近平法治思想专题学习", "法治政府建设实施纲要解读", "党风廉政建设专题教育"},
	"other":       {"公文写作与信息报送", "信访工作实务", "安全生产常识", "保密知识培训", "舆情应对实务"},
	"central":     {"行政执法人员初任集中学习", "新任执法人员岗前培训"},
	"practical":   {"岗位实训（跟班学习）", "执法岗位实训（带教）"},
}

var chunks = []int{3, 4, 6, 8, 8, 8, 12, 16}

// entries splits hours of some categories into dated training entries between lo and hi.
func (g *generator) entries(r *rand.Rand, hours int, cats []string, lo, hi day, out []trainingJSON) []trainingJSON {
	for hours > 0 {
		h := chunks[r.IntN(len(chunks))]
		if h > hours {
			h = hours
		}
		hours -= h
		c := cats[r.IntN(len(cats))]
		cs := courses[c]
		out = append(out, trainingJSON{Date: g.d.str(g.d.between(r, lo, hi, true)), Hours: float64(h), Category: c, Course: cs[r.IntN(len(cs))]})
	}
	return out
}

func (g *generator) writeOfficers(u *unitPlan) {
	if u.nOff == 0 {
		return
	}
	offs := g.officersOf(u)
	r := g.rng(u.idx, streamTraining)
	nRole := 0
	for _, o := range offs {
		if o.role == "officer" {
			nRole++
		}
	}
	if u.noReviewers && nRole > 0 {
		g.planted["QUAL-05"]++
	}
	for _, o := range offs {
		rec := officerJSON{ID: o.id, Name: o.name, Unit: u.id, Role: o.role, Post: o.post, LegalReviewer: o.reviewer,
			Certificate: o.cert, FirstCertified: o.firstCertified}
		if o.status == offOffPost {
			g.planted["QUAL-03"]++
		}
		rec.Training = g.training(r, o)
		if o.role != "third_party" {
			rec.Exams = append(rec.Exams, examJSON{Date: g.d.str(g.d.between(r, g.dec31-50, g.dec31-12, true)),
				Kind: "annual", Sat: true, Passed: true, Score: float64(70 + r.IntN(30))})
		}
		if o.status == offNewcomer {
			ex := g.d.between(r, o.first-30, o.first-10, true)
			rec.Exams = append([]examJSON{{Date: g.d.str(ex), Kind: "qualification", Sat: true, Passed: true,
				Score: float64(62 + r.IntN(34))}}, rec.Exams...)
		}
		g.out.record("officer", rec)
	}
}

// training makes an officer's year: at least the annual hours with the business/skills share and the
// prudent hours the profile asks (with margins), or short of one of them where a violation is planted;
// newcomers also get their pre-certification central study and practical training.
func (g *generator) training(r *rand.Rand, o officerCore) []trainingJSON {
	judged := g.trnRoles[o.role]
	minH := int(math.Ceil(g.trnMin))
	prudentMin := int(math.Ceil(g.trnPrudent))
	var short, lowShare, lowPrudent bool
	if judged {
		short = g.plant(r, "TRN-01")
		lowShare = g.plant(r, "TRN-02")
		lowPrudent = g.plant(r, "TRN-03")
	}
	var total int
	switch {
	case o.role == "third_party":
		total = 16 + 2*r.IntN(8)
	case short:
		total = minH/2 + r.IntN(max(1, minH/2-2))
	default:
		total = minH + 2 + r.IntN(35)
	}
	prudent := prudentMin + r.IntN(7)
	if lowPrudent {
		prudent = r.IntN(max(1, prudentMin-1))
	}
	share := g.trnShare + 0.03 + 0.17*r.Float64()
	if lowShare {
		share = 0.3 + (g.trnShare-0.38)*r.Float64()
	}
	business := int(math.Ceil(share * float64(total)))
	rest := total - business - prudent
	if rest < 0 && !lowShare {
		business = int(math.Ceil((g.trnShare + 0.03) * float64(total)))
		rest = total - business - prudent
	}
	if rest < 0 && !lowPrudent {
		prudent = prudentMin
		rest = total - business - prudent
	}
	if rest < 0 {
		if short {
			// cannot happen with the built-in minimums (60 hours, 60%, 10 hours); keep the sums right
			business += rest
			rest = 0
		} else {
			total -= rest
			rest = 0
		}
	}
	if o.role == "third_party" {
		business, prudent, rest = total/2, 0, total-total/2
	}
	lo, hi := g.jan1+5, g.dec31-5
	var out []trainingJSON
	out = g.entries(r, business, []string{"business", "business", "skills"}, lo, hi, out)
	out = g.entries(r, prudent, []string{"prudent", "discretion", "exempt_list"}, lo, hi, out)
	out = g.entries(r, rest, []string{"law", "law", "political", "other"}, lo, hi, out)
	if short {
		g.planted["TRN-01"]++
	}
	if lowShare {
		g.planted["TRN-02"]++
	}
	if lowPrudent {
		g.planted["TRN-03"]++
	}
	if o.status == offNewcomer {
		central := int(math.Ceil(g.centralMin)) + 2*r.IntN(5)
		practical := int(math.Ceil(g.practicalMin)) + 4*r.IntN(5)
		if g.plant(r, "TRN-04") {
			if r.IntN(2) == 0 {
				central = int(g.centralMin*0.6) + r.IntN(int(g.centralMin*0.3))
			} else {
				practical = int(g.practicalMin*0.65) + r.IntN(int(g.practicalMin*0.25))
			}
			g.planted["TRN-04"]++
		}
		c0 := max(g.jan1+2, o.first-55)
		for _, part := range split(central, 2) {
			cs := courses["central"]
			out = append(out, trainingJSON{Date: g.d.str(g.d.between(r, c0, o.first-35, true)), Hours: float64(part), Category: "central", Course: cs[r.IntN(len(cs))]})
		}
		for _, part := range split(practical, 3) {
			cs := courses["practical"]
			out = append(out, trainingJSON{Date: g.d.str(g.d.between(r, o.first-30, o.first-2, true)), Hours: float64(part), Category: "practical", Course: cs[r.IntN(len(cs))]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

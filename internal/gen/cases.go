package gen

import (
	"fmt"
	"math/rand/v2"
)

type caseJSON struct {
	ID             string          `json:"id"`
	Unit           string          `json:"unit"`
	Category       string          `json:"category"`
	Procedure      string          `json:"procedure"`
	Party          partyJSON       `json:"party"`
	Opened         string          `json:"opened"`
	Handlers       []string        `json:"handlers"`
	Decision       *decisionJSON   `json:"decision,omitempty"`
	LegalReview    *reviewJSON     `json:"legal_review,omitempty"`
	PlatformFiling *filingJSON     `json:"platform_filing,omitempty"`
	Documents      []documentJSON  `json:"documents,omitempty"`
	Publication    *publicJSON     `json:"publication,omitempty"`
	Recordings     []recordingJSON `json:"recordings,omitempty"`
	Online         onlineJSON      `json:"online"`
	Closed         string          `json:"closed,omitempty"`
}

type partyJSON struct {
	Type       string `json:"type"`
	Name       string `json:"name"`
	CreditCode string `json:"credit_code,omitempty"`
}

type decisionJSON struct {
	Date            string  `json:"date"`
	Number          string  `json:"number"`
	Major           bool    `json:"major"`
	Fine            *int    `json:"fine,omitempty"`
	FineMax         *int    `json:"fine_max,omitempty"`
	DiscretionBasis *string `json:"discretion_basis,omitempty"`
	Revoked         string  `json:"revoked,omitempty"`
}

type reviewJSON struct {
	Done     bool   `json:"done"`
	Date     string `json:"date,omitempty"`
	Passed   bool   `json:"passed"`
	Reviewer string `json:"reviewer,omitempty"`
}

type filingJSON struct {
	Date string `json:"date"`
}

type documentJSON struct {
	Type      string `json:"type"`
	Number    string `json:"number"`
	Delivered string `json:"delivered"`
}

type publicJSON struct {
	Published string   `json:"published"`
	Withdrawn string   `json:"withdrawn,omitempty"`
	Elements  []string `json:"elements"`
}

type recordingJSON struct {
	Stage string `json:"stage"`
	Media string `json:"media,omitempty"`
	Date  string `json:"date"`
}

type onlineJSON struct {
	Handled  bool `json:"handled"`
	Archived bool `json:"archived"`
}

var categories = []struct {
	name   string
	weight int
}{{"penalty", 72}, {"coercion", 7}, {"license", 8}, {"inspection", 5}, {"levy", 2}, {"other", 6}}

var fineMaxes = []int{5000, 10000, 20000, 30000, 50000, 100000, 200000, 500000}
var media = []string{"执法记录仪", "执法记录仪", "音像记录"}
var circumstances = []string{"一般", "一般", "从轻", "减轻", "从重"}
var clauseNumbers = []string{"三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十八", "二十", "二十三", "二十六", "三十一"}
var orgKinds = []string{"培训学校", "养老服务中心", "幼儿园", "行业协会", "民办医院", "物业管理服务中心"}
var allElements = []string{"number", "party", "violation", "penalty", "authority", "date", "basis"}

func pickCategory(r *rand.Rand) string {
	x := r.IntN(100)
	for _, c := range categories {
		if x < c.weight {
			return c.name
		}
		x -= c.weight
	}
	return "other"
}

// enterprisePool is how many enterprises a unit deals with: the ones it inspects come first.
func enterprisePool(u *unitPlan) int { return max(40, u.nInsp) }

func (g *generator) party(r *rand.Rand, u *unitPlan, category string, simple bool) partyJSON {
	x := r.IntN(100)
	enterpriseShare, orgShare := 55, 5
	switch {
	case category == "license":
		enterpriseShare = 70
	case simple:
		enterpriseShare = 30
	}
	switch {
	case x < enterpriseShare:
		e := makeEnterprise(g.o.Seed, u.place, u.idx, r.IntN(enterprisePool(u)))
		return partyJSON{Type: "enterprise", Name: e.name, CreditCode: e.code}
	case x < enterpriseShare+orgShare:
		name := u.place.name + brandChars[r.IntN(len(brandChars))] + brandChars[r.IntN(len(brandChars))] + orgKinds[r.IntN(len(orgKinds))]
		return partyJSON{Type: "organization", Name: name, CreditCode: creditCode("52", u.place.code, uint64(u.idx)*100000+90000+uint64(r.IntN(9999)))}
	}
	return partyJSON{Type: "individual", Name: personName(r)}
}

func (g *generator) writeCases(u *unitPlan) {
	if u.nCase == 0 {
		return
	}
	offs := g.officersOf(u)
	pool, lapsed, aux := handlerPool(offs)
	var reviewers []int
	for i, o := range offs {
		if o.reviewer && o.status == offNormal {
			reviewers = append(reviewers, i)
		}
	}
	if len(reviewers) == 0 {
		reviewers = pool
	}
	r := g.rng(u.idx, streamCases)
	nov10, _ := g.d.at(g.year, 11, 10)
	seq := map[string]int{}
	for i := 0; i < u.nCase; i++ {
		c := g.oneCase(r, u, i, offs, pool, lapsed, aux, reviewers, nov10, seq)
		g.out.record("case", c)
	}
}

func (g *generator) oneCase(r *rand.Rand, u *unitPlan, i int, offs []officerCore, pool, lapsed, aux, reviewers []int, nov10 day, seq map[string]int) caseJSON {
	y := g.year
	cat := pickCategory(r)
	procedure := "general"
	if cat == "penalty" && r.IntN(100) < 35 || len(pool) < 2 {
		procedure = "simple"
	}
	simple := procedure == "simple"
	c := caseJSON{ID: fmt.Sprintf("%s-C%05d", u.id, i+1), Unit: u.id, Category: cat, Procedure: procedure}
	c.Party = g.party(r, u, cat, simple)
	penalty := cat == "penalty"

	// the case's life: decided (most), still pending (opened in the last weeks), or closed without a
	// decision (撤销立案)
	state := r.IntN(100)
	pending, dropped := state < 3, state >= 3 && state < 5
	var opened, decided day
	late09 := false
	switch {
	case pending:
		opened = g.d.between(r, nov10, g.dec31-3, true)
	case dropped:
		opened = g.d.between(r, g.jan1+5, g.dec31-60, true)
	case simple:
		opened = g.d.between(r, g.jan1+5, g.dec31-21, true)
		decided = opened
	default:
		lag := 7 + r.IntN(70)
		if penalty && g.plant(r, "CASE-09") {
			lag = 100 + r.IntN(40)
			late09 = true
		}
		decided = g.d.between(r, max(g.jan1+12, g.jan1+3+day(lag)), g.dec31-21, true)
		opened = g.d.prevWorkFrom(decided-day(lag), g.jan1+2)
		if opened < g.jan1+2 {
			opened = g.d.nextWork(g.jan1 + 2)
		}
	}
	c.Opened = g.d.str(opened)
	isDecided := !pending && !dropped
	if late09 && decided > g.d.addRolled(opened, g.decisionDays) {
		g.planted["CASE-09"]++
	}

	// handlers: two or three certified officers of the unit (one or two on the spot)
	n := 2
	if simple {
		n = 1 + r.IntN(2)
	} else if r.IntN(5) == 0 {
		n = 3
	}
	if !simple && g.plant(r, "QUAL-04") {
		n = 1
	}
	hs := pickDistinct(r, pool, n)
	if len(aux) > 0 && len(hs) > 0 && g.plant(r, "QUAL-02") {
		hs[len(hs)-1] = aux[r.IntN(len(aux))]
	}
	if len(lapsed) > 0 && len(hs) > 0 && g.plant(r, "QUAL-01") {
		hs[0] = lapsed[r.IntN(len(lapsed))]
	}
	c.Handlers = make([]string, len(hs))
	forbidden := false
	for k, h := range hs {
		c.Handlers[k] = offs[h].id
		o := offs[h]
		// QUAL-01 judges every handler against its certificate on the act date; here only
		// planted handlers lack one (lapsed officers, auxiliaries)
		if o.status == offLapsed || o.cert == nil {
			g.count("QUAL-01")
		}
		if o.role == "auxiliary" || o.role == "third_party" {
			forbidden = true
		}
	}
	if forbidden {
		g.count("QUAL-02")
	}
	if !simple && len(hs) < 2 {
		g.count("QUAL-04")
	}

	c.Online = onlineJSON{Handled: true, Archived: simple}
	if !simple && g.plant(r, "CASE-04") {
		c.Online.Handled = false
		g.planted["CASE-04"]++
	}
	// the medium is named for the field stages (audio-visual); review and decision are on paper
	rec := func(stage string, d day) recordingJSON {
		x := recordingJSON{Stage: stage, Date: g.d.str(d)}
		switch stage {
		case "initiation", "investigation", "execution":
			x.Media = media[r.IntN(len(media))]
		case "service":
			if r.IntN(2) == 0 {
				x.Media = media[r.IntN(len(media))]
			}
		}
		return x
	}
	if !isDecided {
		c.Recordings = []recordingJSON{rec("initiation", opened)}
		if dropped {
			closed := g.d.between(r, opened+5, opened+40, true)
			c.Closed = g.d.str(closed)
			c.Online.Archived = true
		}
		return c
	}

	// the decision
	seq[cat]++
	no := seq[cat]
	dec := &decisionJSON{Date: g.d.str(decided)}
	c.Decision = dec
	switch cat {
	case "penalty":
		dec.Number = fmt.Sprintf("%s罚决〔%d〕%d号", u.short, y, no)
	case "coercion":
		dec.Number = fmt.Sprintf("%s强制决〔%d〕%d号", u.short, y, no)
	case "license":
		dec.Number = fmt.Sprintf("%s许准〔%d〕%d号", u.short, y, no)
	case "levy":
		dec.Number = fmt.Sprintf("%s征决〔%d〕%d号", u.short, y, no)
	default:
		dec.Number = fmt.Sprintf("%s决〔%d〕%d号", u.short, y, no)
	}
	if !simple {
		majorPct := map[string]int{"penalty": 5, "coercion": 10, "license": 3, "levy": 8}[cat]
		dec.Major = r.IntN(100) < majorPct
	}
	if penalty {
		var fine, fineMax int
		if simple {
			fineMax = []int{500, 1000, 2000, 5000}[r.IntN(4)]
			if r.IntN(10) < 4 {
				fine = 0 // 警告
			} else if c.Party.Type == "individual" {
				fine = 50 * (1 + r.IntN(4))
			} else {
				fine = 100 * (1 + r.IntN(min(30, fineMax/100-1)))
			}
		} else {
			fineMax = fineMaxes[r.IntN(len(fineMaxes))]
			if r.IntN(5) > 0 {
				fine = fineMax / 100 * (5 + r.IntN(66)) / 100 * 100
				fine = max(fine, 100)
			}
		}
		if !simple && g.plant(r, "CASE-07") {
			fine = fineMax + 1000*(1+r.IntN(20))
			g.planted["CASE-07"]++
		}
		dec.Fine, dec.FineMax = &fine, &fineMax
		basis := fmt.Sprintf("%s%s裁量基准第%s条，%s", g.region.province, u.field,
			clauseNumbers[r.IntN(len(clauseNumbers))], circumstances[r.IntN(len(circumstances))])
		dec.DiscretionBasis = &basis
		if g.plant(r, "CASE-06") {
			if r.IntN(5) < 3 {
				dec.DiscretionBasis = nil
			} else {
				empty := ""
				dec.DiscretionBasis = &empty
			}
			g.planted["CASE-06"]++
		}
	}

	// legal review (法制审核): every major decision, three in ten of the other general ones
	var reviewed day = -1
	if !simple && (dec.Major || r.IntN(10) < 3) {
		reviewed = g.d.prevWorkFrom(decided-day(1+r.IntN(4)), opened)
		if reviewed > decided || reviewed < opened {
			reviewed = decided
		}
		rv := offs[reviewers[r.IntN(len(reviewers))]].id
		c.LegalReview = &reviewJSON{Done: true, Date: g.d.str(reviewed), Passed: true, Reviewer: rv}
		if dec.Major && g.plant(r, "CASE-01") {
			switch r.IntN(3) {
			case 0:
				c.LegalReview = nil
			case 1:
				c.LegalReview = &reviewJSON{Done: false, Passed: false}
			default:
				after := decided + day(1+r.IntN(3))
				c.LegalReview.Date = g.d.str(after)
			}
			g.planted["CASE-01"]++
		}
	}
	// filing of major decisions on the supervision platform
	if dec.Major {
		filed := decided + day(1+r.IntN(12))
		if g.plant(r, "CASE-02") {
			due := g.d.addRolled(decided, g.filingDays)
			filed = min(due+day(3+r.IntN(18)), g.dec31)
			if r.IntN(10) < 3 || filed <= due {
				filed = -1
			}
			g.planted["CASE-02"]++
		}
		if filed >= 0 {
			c.PlatformFiling = &filingJSON{Date: g.d.str(filed)}
		}
	}

	// documents: the notice before a general penalty decision, the decision delivered within 4
	// working days (the same day on the spot), and for an enterprise under 三书同达 the two companions
	if penalty && !simple && decided-opened >= 3 {
		notice := g.d.between(r, opened+1, decided-1, true)
		c.Documents = append(c.Documents, documentJSON{Type: "notice", Number: fmt.Sprintf("%s罚告〔%d〕%d号", u.short, y, no), Delivered: g.d.str(notice)})
	}
	delivered := decided
	if !simple {
		if k := r.IntN(5); k > 0 {
			delivered = g.d.addWorking(decided, k)
		}
	}
	if penalty && g.plant(r, "CASE-10") {
		due := g.d.addWorking(decided, g.deliveryDays)
		late := min(due+day(3+r.IntN(10)), g.dec31)
		if late > due {
			delivered = late
			g.planted["CASE-10"]++
		}
	}
	c.Documents = append(c.Documents, documentJSON{Type: "decision", Number: dec.Number, Delivered: g.d.str(delivered)})
	if penalty && c.Party.Type == "enterprise" && g.on["CASE-03"] && g.d.str(decided) >= g.case03From {
		c.Documents = append(c.Documents, documentJSON{Type: "compliance_advice", Number: fmt.Sprintf("%s合规建〔%d〕%d号", u.short, y, no), Delivered: g.d.str(delivered)})
		if g.plant(r, "CASE-03") {
			g.planted["CASE-03"]++
		} else {
			c.Documents = append(c.Documents, documentJSON{Type: "credit_repair_notice", Number: fmt.Sprintf("%s信修告〔%d〕%d号", u.short, y, no), Delivered: g.d.str(delivered)})
		}
	}

	// publication of general-procedure penalty (and licence) decisions within 4 working days
	var published day = -1
	if !simple && (penalty || cat == "license") {
		published = g.d.addWorking(decided, 1+r.IntN(4))
		if penalty && g.plant(r, "CASE-08") {
			due := g.d.addWorking(decided, g.publishDays)
			late := min(due+day(3+r.IntN(13)), g.dec31)
			if r.IntN(20) < 7 || late <= due {
				published = -1
			} else {
				published = late
			}
			g.planted["CASE-08"]++
		}
		if published >= 0 {
			els := allElements
			if cat == "license" {
				els = []string{"number", "party", "authority", "date", "other"}
			}
			c.Publication = &publicJSON{Published: g.d.str(published), Elements: els}
		}
	}
	// a decision later revoked (行政复议、诉讼或自行纠正): its publication withdrawn within 2 working days
	if penalty && published >= 0 && published+45 < g.dec31 {
		plant11 := g.plant(r, "CASE-11")
		if plant11 || r.IntN(300) == 0 {
			revoked := g.d.between(r, published+10, min(published+40, g.dec31-25), true)
			dec.Revoked = g.d.str(revoked)
			withdrawn := g.d.addWorking(revoked, 1+r.IntN(2))
			if plant11 {
				due := g.d.addWorking(revoked, g.withdrawDays)
				withdrawn = due + day(2+r.IntN(9))
				if r.IntN(10) < 4 {
					withdrawn = -1
				}
				g.planted["CASE-11"]++
			}
			if withdrawn >= 0 {
				c.Publication.Withdrawn = g.d.str(withdrawn)
			}
		}
	}

	// the full-process record: initiation, investigation, review, decision, service (and execution)
	inv := g.d.between(r, opened, decided, true)
	rev := decided
	if reviewed >= 0 && reviewed <= decided {
		rev = reviewed
	} else if !simple && decided-1 >= opened {
		rev = g.d.prevWorkFrom(decided-1, opened)
	}
	c.Recordings = []recordingJSON{rec("initiation", opened), rec("investigation", inv), rec("review", rev)}
	if !simple && r.IntN(10) < 2 {
		c.Recordings = append(c.Recordings, rec("decision", decided))
	}
	c.Recordings = append(c.Recordings, rec("service", delivered))
	if g.plant(r, "CASE-05") && len(g.requiredStages) > 0 {
		drop := g.requiredStages[r.IntN(len(g.requiredStages))]
		kept := c.Recordings[:0]
		for _, x := range c.Recordings {
			if x.Stage != drop {
				kept = append(kept, x)
			}
		}
		c.Recordings = kept
		g.planted["CASE-05"]++
	}
	closed := delivered + day(5+r.IntN(35))
	if simple {
		closed = delivered + day(r.IntN(3))
	}
	if published > closed {
		closed = published + day(1+r.IntN(5))
	}
	if closed <= g.dec31 {
		c.Closed = g.d.str(closed)
		c.Online.Archived = true
		if penalty && fineOf(dec) > 0 && !simple && r.IntN(3) == 0 {
			c.Recordings = append(c.Recordings, rec("execution", closed))
		}
	}
	return c
}

func fineOf(d *decisionJSON) int {
	if d.Fine == nil {
		return 0
	}
	return *d.Fine
}

// count adds a finding the record will give, where the rule is on.
func (g *generator) count(rule string) {
	if g.on[rule] {
		g.planted[rule]++
	}
}

// pickDistinct draws n different elements of xs (all of them when there are fewer).
func pickDistinct(r *rand.Rand, xs []int, n int) []int {
	n = min(n, len(xs))
	out := make([]int, 0, n)
	for len(out) < n {
		x := xs[r.IntN(len(xs))]
		dup := false
		for _, y := range out {
			dup = dup || y == x
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

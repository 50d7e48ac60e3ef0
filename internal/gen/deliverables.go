package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"time"
)

// obligation is a profile's obligation with its instances in the year, expanded as
// policies/deliverables/obligations.rego does.
type obligation struct {
	id        string
	title     string
	appliesTo map[string]bool
	published bool
	minCount  int
	hasDue    bool
	period    string // the period label of an obligation without a due date
	instances []instance
}

type instance struct {
	period   string
	due      day
	unitType string // "" = every unit type the obligation applies to
}

func (g *generator) readObligations() ([]obligation, error) {
	var out []obligation
	y := strconv.Itoa(g.year)
	label := func(p any) string {
		if s, ok := p.(string); ok && s != "year" {
			return s
		}
		return y
	}
	for _, raw := range g.prof.Obligations {
		ob := obligation{appliesTo: map[string]bool{}}
		ob.id, _ = raw["id"].(string)
		ob.title, _ = raw["title"].(string)
		ob.published, _ = raw["published"].(bool)
		if mc, ok := raw["min_count"].(float64); ok {
			ob.minCount = int(mc)
		}
		if xs, ok := raw["applies_to"].([]any); ok {
			for _, x := range xs {
				if s, ok := x.(string); ok {
					ob.appliesTo[s] = true
				}
			}
		}
		if yr, ok := raw["year"].(float64); ok && int(yr) != g.year {
			continue // a plan binds its own year only
		}
		if yr, ok := raw["year"].(int); ok && yr != g.year {
			continue
		}
		if p, ok := raw["year"].(*int); ok && p != nil && *p != g.year {
			continue
		}
		binds := ""
		switch b := raw["binds_from"].(type) {
		case string:
			binds = b
		case *string:
			if b != nil {
				binds = *b
			}
		}
		due := raw["due"]
		ob.period = label(raw["period"])
		if due == nil {
			out = append(out, ob)
			continue
		}
		ob.hasDue = true
		dm, ok := due.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("profile %s: obligation %s: due must be an object or null", g.prof.ID, ob.id)
		}
		var raws []instance
		if bt, ok := dm["by_type"].(map[string]any); ok {
			for t, form := range bt {
				fm, _ := form.(map[string]any)
				is, err := g.expand(fm, raw["period"], label)
				if err != nil {
					return nil, fmt.Errorf("profile %s: obligation %s: %v", g.prof.ID, ob.id, err)
				}
				for _, i := range is {
					i.unitType = t
					raws = append(raws, i)
				}
			}
		} else {
			is, err := g.expand(dm, raw["period"], label)
			if err != nil {
				return nil, fmt.Errorf("profile %s: obligation %s: %v", g.prof.ID, ob.id, err)
			}
			raws = is
		}
		for _, i := range raws {
			if i.due < g.jan1 || i.due > g.dec31 {
				continue
			}
			if binds != "" && g.d.str(i.due) < binds {
				continue
			}
			ob.instances = append(ob.instances, i)
		}
		// by_type comes from a map: keep a stable order
		sortInstances(ob.instances)
		out = append(out, ob)
	}
	return out, nil
}

func sortInstances(is []instance) {
	for i := 1; i < len(is); i++ {
		for j := i; j > 0 && (is[j].due < is[j-1].due || is[j].due == is[j-1].due && is[j].unitType < is[j-1].unitType); j-- {
			is[j], is[j-1] = is[j-1], is[j]
		}
	}
}

func (g *generator) expand(due map[string]any, period any, label func(any) string) ([]instance, error) {
	y := g.year
	dayIn := func(m, d int) (day, error) {
		last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		x, ok := g.d.at(y, m, min(d, last))
		if !ok {
			return 0, fmt.Errorf("due date %d-%02d-%02d outside the calendar", y, m, d)
		}
		return x, nil
	}
	parse := func(s string) (day, bool) {
		x, ok := g.d.index[s]
		return x, ok
	}
	var out []instance
	switch {
	case due["date"] != nil:
		s, _ := due["date"].(string)
		if x, ok := parse(s); ok {
			out = append(out, instance{period: label(period), due: x})
		}
	case due["dates"] != nil:
		es, _ := due["dates"].([]any)
		for _, e := range es {
			em, _ := e.(map[string]any)
			s, _ := em["date"].(string)
			p, _ := em["period"].(string)
			if x, ok := parse(s); ok {
				out = append(out, instance{period: p, due: x})
			}
		}
	case due["monthly"] != nil:
		m, _ := due["monthly"].(map[string]any)
		dd, _ := m["day"].(float64)
		for mo := 1; mo <= 12; mo++ {
			x, err := dayIn(mo, int(dd))
			if err != nil {
				return nil, err
			}
			p := fmt.Sprintf("%d-%02d", y, mo-1)
			if mo == 1 {
				p = fmt.Sprintf("%d-12", y-1)
			}
			out = append(out, instance{period: p, due: x})
		}
	case due["quarterly"] != nil:
		q, _ := due["quarterly"].(map[string]any)
		dd, _ := q["day"].(float64)
		ms, _ := q["months"].([]any)
		for _, mv := range ms {
			mo, _ := mv.(float64)
			x, err := dayIn(int(mo), int(dd))
			if err != nil {
				return nil, err
			}
			qn := int(math.Ceil(mo / 3))
			p := fmt.Sprintf("%d-Q%d", y, qn-1)
			if qn == 1 {
				p = fmt.Sprintf("%d-Q4", y-1)
			}
			out = append(out, instance{period: p, due: x})
		}
	case due["yearly"] != nil:
		yy, _ := due["yearly"].(map[string]any)
		mo, _ := yy["month"].(float64)
		dd, _ := yy["day"].(float64)
		x, err := dayIn(int(mo), int(dd))
		if err != nil {
			return nil, err
		}
		out = append(out, instance{period: strconv.Itoa(y - 1), due: x})
	}
	return out, nil
}

func (ob *obligation) applies(u *unitPlan) bool {
	return ob.appliesTo[u.typ] || (ob.appliesTo["supervision_office"] && u.office)
}

// submissionJSON is a submission record (RECORDS.md).
type submissionJSON struct {
	ID         string `json:"id"`
	Unit       string `json:"unit"`
	Obligation string `json:"obligation"`
	Period     string `json:"period"`
	Date       string `json:"date,omitempty"`
	Published  bool   `json:"published"`
	Count      *int   `json:"count,omitempty"`
	Note       string `json:"note,omitempty"`
}

// submissionsFor lists a unit's submissions: one for every instance of every obligation that applies
// to it, dated before it is due, and min_count of those without a due date; with planted misses,
// late deliveries, unpublished ones and too few case self-reviews. nCases sizes the self-review and
// sampling counts (REV-01, REV-02) and never changes how many submissions there are. count, when
// not nil, receives the planted violations.
func (g *generator) submissionsFor(u *unitPlan, nCases int, count map[string]int) []submissionJSON {
	r := g.rng(u.idx, streamSubmissions)
	var out []submissionJSON
	add := func(s submissionJSON) {
		s.ID = fmt.Sprintf("%s-S%03d", u.id, len(out)+1)
		s.Unit = u.id
		out = append(out, s)
	}
	planted := func(rule string) {
		if count != nil {
			count[rule]++
		}
	}
	for i := range g.obligations {
		ob := &g.obligations[i]
		if !ob.applies(u) {
			continue
		}
		if ob.hasDue {
			for _, in := range ob.instances {
				if in.unitType != "" && in.unitType != u.typ {
					continue
				}
				k := max(1, ob.minCount)
				late, missing := false, false
				if g.plant(r, "RPT-01") {
					if r.IntN(5) < 3 || in.due+1 > g.dec31 {
						missing = true
					} else {
						late = true
					}
					planted("RPT-01")
				}
				lateBy := 1 + r.IntN(20)
				unpublished := ob.published && g.plant(r, "RPT-02")
				offsets := make([]int, k)
				for j := range offsets {
					offsets[j] = 1 + r.IntN(15)
				}
				if missing {
					continue
				}
				for j := 0; j < k; j++ {
					x := in.due - day(offsets[j])
					if x < g.jan1 {
						x = g.jan1
					}
					if late {
						x = min(in.due+day(lateBy), g.dec31)
					}
					x = g.d.prevWorkFrom(x, g.jan1)
					if !late && x > in.due {
						x = in.due
					}
					if late && x <= in.due {
						x = in.due + 1
					}
					s := submissionJSON{Obligation: ob.id, Period: in.period, Date: g.d.str(x), Published: ob.published}
					if unpublished && j == 0 {
						s.Published = false
						planted("RPT-02")
					}
					s.Note = submissionNote(r, ob, s.Published)
					add(s)
				}
			}
			continue
		}
		// no due date: min_count submissions in the year (RPT-03), carrying the counts REV-01 and
		// REV-02 read
		k := max(1, ob.minCount)
		short := ob.minCount > 1 && g.plant(r, "RPT-03")
		extra := r.IntN(6)
		d1 := g.d.between(r, g.jan1+150, g.jan1+200, true)
		d2 := g.d.between(r, g.dec31-40, g.dec31-10, true)
		dates := []day{d1, d2}
		for j := 2; j < k; j++ {
			dates = append(dates, g.d.between(r, g.jan1+30, g.dec31-10, true))
		}
		if short {
			k = ob.minCount - 1
			planted("RPT-03")
		}
		var counts []int
		switch ob.id {
		case g.revObligation:
			counts = split(g.maxRequired(nCases)+extra, k)
		case g.sampleObl:
			counts = split(g.sampleMin+extra*7, k)
		}
		for j := 0; j < k; j++ {
			s := submissionJSON{Obligation: ob.id, Period: ob.period, Date: g.d.str(dates[j]), Published: ob.published}
			if counts != nil {
				c := counts[j]
				s.Count = &c
			}
			s.Note = submissionNote(r, ob, s.Published)
			add(s)
		}
	}
	if u.subLimit >= 0 && len(out) > u.subLimit {
		out = out[:u.subLimit]
	}
	return out
}

// split divides n into k parts, the first ones one larger.
func split(n, k int) []int {
	if k <= 0 {
		return nil
	}
	out := make([]int, k)
	for i := range out {
		out[i] = n / k
		if i < n%k {
			out[i]++
		}
	}
	return out
}

// maxRequired is the most case files REV-01 can require of a unit with at most n decided cases
// (required() is not monotone: 20 cases need 20, 21 need 9), so that the count is enough whatever
// the number of cases decided in the year.
func (g *generator) maxRequired(n int) int {
	best := 0
	for d := 0; d <= n; d++ {
		best = max(best, g.required(d))
	}
	return best
}

func (g *generator) required(n int) int {
	for _, t := range g.revTiers {
		if float64(n) <= t[0] {
			return int(math.Ceil(math.Round(t[1]*float64(n)*1e6) / 1e6))
		}
	}
	return g.revCap
}

var submissionNotes = []string{"已报送市司法局", "已通过监督平台报送", "纸质材料同步报送", "经单位负责人审签后报送"}

func submissionNote(r *rand.Rand, ob *obligation, published bool) string {
	n := submissionNotes[r.IntN(len(submissionNotes))]
	if published {
		n += "，已在政府门户网站公示"
	}
	return n
}

func (g *generator) writeSubmissions(u *unitPlan) {
	for _, s := range g.submissionsFor(u, u.nCase, g.planted) {
		g.out.record("submission", s)
	}
}

// incidentJSON is an incident record.
type incidentJSON struct {
	ID          string        `json:"id"`
	Unit        string        `json:"unit"`
	Occurred    string        `json:"occurred"`
	Preliminary string        `json:"preliminary_report,omitempty"`
	Full        string        `json:"full_report,omitempty"`
	Measures    []measureJSON `json:"officer_measures,omitempty"`
}

type measureJSON struct {
	Officer  string `json:"officer"`
	Taken    string `json:"taken"`
	Reported string `json:"reported,omitempty"`
}

var cst = time.FixedZone("CST", 8*3600)

func (g *generator) writeIncidents(u *unitPlan) {
	if u.nInc == 0 {
		return
	}
	r := g.rng(u.idx, streamIncidents)
	offs := g.officersOf(u)
	for i := 0; i < u.nInc; i++ {
		occurredDay := g.d.between(r, g.jan1+20, g.dec31-45, false)
		t, _ := time.ParseInLocation("2006-01-02", g.d.str(occurredDay), cst)
		t = t.Add(time.Duration(7*60+r.IntN(14*60)) * time.Minute)
		inc := incidentJSON{ID: fmt.Sprintf("%s-E%02d", u.id, i+1), Unit: u.id, Occurred: t.Format(time.RFC3339)}
		inc.Preliminary = t.Add(time.Duration(30+r.IntN(5*60)) * time.Minute).Format(time.RFC3339)
		full := time.Duration(18*60+r.IntN((g.fullReportH-4-18)*60)) * time.Minute
		if g.plant(r, "INC-01") {
			full = time.Duration(g.fullReportH*60+60+r.IntN(40*60)) * time.Minute
			g.planted["INC-01"]++
		}
		inc.Full = t.Add(full).Format(time.RFC3339)
		if r.IntN(10) < 4 && len(offs) > 0 {
			n := 1 + r.IntN(2)
			first := r.IntN(len(offs))
			for k := 0; k < n && k < len(offs); k++ {
				o := offs[(first+k)%len(offs)]
				taken := occurredDay + day(1+r.IntN(10))
				// reported within 4 calendar days: inside 7 days counted either way
				rep := taken + day(1+r.IntN(4))
				if g.plant(r, "INC-02") {
					due := max(g.d.addRolled(taken, g.measureDays), g.d.addWorking(taken, g.measureDays))
					rep = due + day(2+r.IntN(10))
					g.planted["INC-02"]++
				}
				inc.Measures = append(inc.Measures, measureJSON{Officer: o.id, Taken: g.d.str(taken), Reported: g.d.str(rep)})
			}
		}
		g.out.record("incident", inc)
	}
}

// clueJSON is a supervision clue.
type clueJSON struct {
	ID       string `json:"id"`
	Unit     string `json:"unit"`
	Received string `json:"received"`
	Source   string `json:"source"`
	Disposed string `json:"disposed,omitempty"`
	Outcome  string `json:"outcome,omitempty"`
}

var clueSources = []string{"public", "public", "public", "platform", "platform", "superior", "supervisor", "other"}
var clueOutcomes = []string{
	"经核查属实，已责令整改", "经核查不属实，已答复反映人", "已转交相关科室办理并反馈", "部分属实，已督促规范执法程序",
	"已约谈执法人员并通报批评", "经核查，执法程序符合规定", "已立案调查并依法处理", "已纳入年度执法监督重点事项",
}

func (g *generator) writeClues(u *unitPlan) {
	if u.nClue == 0 {
		return
	}
	r := g.rng(u.idx, streamClues)
	for i := 0; i < u.nClue; i++ {
		rec := g.d.between(r, g.jan1+3, g.dec31-35, true)
		c := clueJSON{ID: fmt.Sprintf("%s-X%03d", u.id, i+1), Unit: u.id, Received: g.d.str(rec),
			Source: clueSources[r.IntN(len(clueSources))]}
		disposed := g.d.between(r, rec+3, rec+30, true)
		outcome := clueOutcomes[r.IntN(len(clueOutcomes))]
		if g.plant(r, "CLUE-01") {
			g.planted["CLUE-01"]++
		} else {
			c.Disposed, c.Outcome = g.d.str(disposed), outcome
		}
		g.out.record("clue", c)
	}
}

# METADATA
# title: KPI rates (考核指标)
# description: |
#   The rates the plans set targets for, per unit and for the jurisdiction. Each unit partition counts
#   numerator and denominator (`counts`, carried to the export-wide pass as the unit summary `KPI`); the
#   export-wide pass builds one object per rate and unit and pools the counts for the jurisdiction
#   (Σ numerator ÷ Σ denominator, never a mean of unit rates). A rate with a zero denominator is left out.
#   A rate is computed when the profile turns on one of the rules it measures (持证率 always), and a
#   per-record rate counts what the rule judges: records whose deadline has passed or that are done, the
#   ones with a finding of the rule being the misses, so the rate and the findings never disagree.
#   Annual rates (持证率, 培训达标率, 参考率, 通过率, 线索处置率) show progress before the year ends.
#   The minimum is the profile parameter KPI.<id>_min where the profile declares one, else the rule
#   threshold that is the plan's target for that rate (EXAM-01.participation_min, EXAM-02.pass_rate_min,
#   CERT-01.town_certified_min for town units), else null: never a number written here.
# scope: package
# schemas:
#   - input: schema.input
package jiandu.kpi

import data.jiandu.lib
import data.jiandu.lib.obligations
import data.jiandu.main
import data.jiandu.rules.case_01
import data.jiandu.rules.case_02
import data.jiandu.rules.case_03
import data.jiandu.rules.case_08
import data.jiandu.rules.case_10
import data.jiandu.rules.clue_01
import data.jiandu.rules.trn_01

# defs: the rates in report order. rules: the rules whose requirement the rate measures; the rate is
# computed when the profile turns one of them on, or always when `always`. min: the rule parameter
# [rule, name] that is the plan's target for the rate, null when no rule threshold is; min_types: the
# unit types that target binds per unit (null = every unit and the jurisdiction). jurisdiction_only:
# pooled for the jurisdiction, no per-unit object.
defs := [
	{
		"id": "certified", "title": "持证率", "title_en": "Certified officers",
		"rules": ["QUAL-01", "CERT-01"], "always": true,
		"min": ["CERT-01", "town_certified_min"], "min_types": ["town"], "jurisdiction_only": false,
	},
	{
		"id": "certified_town", "title": "镇街执法人员持证率", "title_en": "Certified officers in towns",
		"rules": ["CERT-01"], "always": false,
		"min": ["CERT-01", "town_certified_min"], "min_types": null, "jurisdiction_only": true,
	},
	{
		"id": "training", "title": "培训达标率", "title_en": "Officers meeting the training hours",
		"rules": ["TRN-01"], "always": false,
		"min": null, "min_types": null, "jurisdiction_only": false,
	},
	{
		"id": "exam_participation", "title": "参考率", "title_en": "Exam participation",
		"rules": ["EXAM-01", "EXAM-02"], "always": false,
		"min": ["EXAM-01", "participation_min"], "min_types": null, "jurisdiction_only": false,
	},
	{
		"id": "exam_pass", "title": "通过率", "title_en": "Exam pass rate",
		"rules": ["EXAM-02", "EXAM-01"], "always": false,
		"min": ["EXAM-02", "pass_rate_min"], "min_types": null, "jurisdiction_only": false,
	},
	{
		"id": "legal_review", "title": "重大决定法制审核率", "title_en": "Major decisions legally reviewed",
		"rules": ["CASE-01"], "always": false,
		"min": null, "min_types": null, "jurisdiction_only": false,
	},
	{
		"id": "filing", "title": "重大决定备案及时率", "title_en": "Major decisions filed on time",
		"rules": ["CASE-02"], "always": false,
		"min": null, "min_types": null, "jurisdiction_only": false,
	},
	{
		"id": "three_documents", "title": "三书同达率", "title_en": "Three documents served together",
		"rules": ["CASE-03"], "always": false,
		"min": null, "min_types": null, "jurisdiction_only": false,
	},
	{
		"id": "publication", "title": "公示及时率", "title_en": "Penalty decisions published on time",
		"rules": ["CASE-08"], "always": false,
		"min": null, "min_types": null, "jurisdiction_only": false,
	},
	{
		"id": "delivery", "title": "送达及时率", "title_en": "Penalty decisions served on time",
		"rules": ["CASE-10"], "always": false,
		"min": null, "min_types": null, "jurisdiction_only": false,
	},
	{
		"id": "clue_disposal", "title": "线索处置率", "title_en": "Supervision clues disposed of",
		"rules": ["CLUE-01"], "always": false,
		"min": null, "min_types": null, "jurisdiction_only": false,
	},
	{
		"id": "submission", "title": "报送按时率", "title_en": "Deliverables submitted on time",
		"rules": ["RPT-01"], "always": false,
		"min": null, "min_types": null, "jurisdiction_only": false,
	},
]

# ---------------------------------------------------------------------------
# Unit partitions: the counts

# counts[id]: {numerator, denominator} of the rate id for this unit partition.
counts[id] := c if {
	input.scope == "unit"
	some def in defs
	computed(def)
	id := def.id
	c := count_of(id)
}

computed(def) if def.always == true

computed(def) if {
	some r in def.rules
	lib.profile.rules[r].on == true
}

# rate(judged, missed): the records judged, those with a finding of the rule being the misses.
rate(judged, missed) := {"numerator": count(judged - missed), "denominator": count(judged)}

# flagged: [rule, record, key] of every finding of this partition.
flagged := {[f.rule, f.record, f.key] | some f in main.findings}

flagged_records(rule) := {r | some [x, r, _] in flagged; x == rule}

# 持证率: officers (role officer) holding a valid certificate on D, the earlier of the as-of date and
# the profile's last day (RULES.md, Readings).
officers := [o | some o in input.officers; o.role == "officer"]

check_date := min({lib.run.as_of_date, lib.period_end})

valid_certificate(o) if {
	cert := object.get(o, "certificate", null)
	object.get(cert, "status", null) == lib.param("QUAL-01", "valid_status")
	is_string(cert.issued)
	is_string(cert.expires)
	cert.issued <= check_date
	check_date <= cert.expires
}

certified_counts := {
	"numerator": count([o | some o in officers; valid_certificate(o)]),
	"denominator": count(officers),
}

count_of("certified") := certified_counts

count_of("certified_town") := certified_counts if town

town if {
	some u in input.units
	u.id == input.unit_id
	u.type == "town"
}

# 培训达标率: officers of TRN-01's roles whose hours in the year (TRN-01's categories) reach its minimum.
count_of("training") := {"numerator": count(met), "denominator": count(people)} if {
	roles := lib.param("TRN-01", "roles")
	excluded := lib.param("TRN-01", "excluded_categories")
	minimum := lib.param("TRN-01", "annual_min_hours")
	people := [o | some o in input.officers; o.role in roles]
	met := [o | some o in people; sum([t.hours | some t in trn_01.counted(o, excluded)]) >= minimum]
}

# 参考率 and 通过率: registrations of the profile's exam kind in the year (EXAM-01, EXAM-02).
participation_kind := k if {
	k := lib.param("EXAM-01", "exam_kind")
} else := lib.param("EXAM-02", "exam_kind")

pass_kind := k if {
	k := lib.param("EXAM-02", "exam_kind")
} else := lib.param("EXAM-01", "exam_kind")

registrations(kind) := [e |
	some o in input.officers
	some e in object.get(o, "exams", [])
	object.get(e, "kind", null) == kind
	is_string(e.date)
	lib.in_year(e.date)
]

sat(kind) := [e | some e in registrations(kind); object.get(e, "sat", null) == true]

count_of("exam_participation") := {"numerator": count(sat(k)), "denominator": count(registrations(k))} if {
	k := participation_kind
}

count_of("exam_pass") := {
	"numerator": count([e | some e in sat(k); object.get(e, "passed", null) == true]),
	"denominator": count(sat(k)),
} if {
	k := pass_kind
}

# 重大决定法制审核率: major decisions CASE-01 judges (decided while a text requiring the review was in
# force); the misses are its findings.
count_of("legal_review") := rate(judged, flagged_records("CASE-01")) if {
	judged := {c.id |
		some c in input.cases
		c.decision.major == true
		lib.judges("CASE-01", c.decision.date)
		case_01.requires_review(c.decision.date)
	}
}

# 重大决定备案及时率: major decisions CASE-02 judges, filed or past the filing deadline.
count_of("filing") := rate(judged | missed, missed) if {
	missed := flagged_records("CASE-02")
	judged := {c.id |
		some c in input.cases
		c.decision.major == true
		d := c.decision.date
		lib.judges("CASE-02", d)
		filing_judged(c, d)
	}
}

filing_judged(c, _) if case_02.filed(c)

filing_judged(_, d) if lib.passed(case_02.due_of(d))

# 三书同达率: penalty decisions to enterprises in CASE-03's scope, all documents served or past the
# delivery deadline; a case with any CASE-03 finding is a miss.
count_of("three_documents") := rate(judged | missed, missed) if {
	missed := flagged_records("CASE-03")
	judged := {c.id |
		some c in input.cases
		d := case_03.scope_date(c)
		three_judged(c, d)
	}
}

three_judged(c, d) if {
	every t in lib.param_at("CASE-03", "required_documents", d) {
		case_03.delivered(c, t)
	}
}

three_judged(_, d) if lib.passed(case_03.delivery_due(d))

# 公示及时率: general-procedure penalty decisions CASE-08 judges for timeliness, published or past the
# deadline (a decision revoked before it is not counted); the misses are its late and missing findings.
count_of("publication") := rate(judged | missed, missed) if {
	missed := {r | some [x, r, k] in flagged; x == "CASE-08"; k in {"late", "missing"}}
	judged := {c.id |
		some c in input.cases
		d := case_08.decision_of(c, "general")
		publication_judged(c, d)
	}
}

publication_judged(c, _) if case_08.published(c)

publication_judged(c, d) if {
	due := case_08.due_at(d)
	lib.passed(due)
	not case_08.revoked_by(c, due)
}

# 送达及时率: penalty decisions CASE-10 judges, served or past the delivery deadline.
count_of("delivery") := rate(judged | missed, missed) if {
	missed := flagged_records("CASE-10")
	judged := {c.id |
		some c in input.cases
		d := case_10.decision_date(c)
		delivery_judged(c, d)
	}
}

delivery_judged(_, d) if lib.passed(case_10.due_at(d))

delivery_judged(c, _) if case_10.delivered(c)

# 线索处置率: clues received in CLUE-01's period, disposed of by its end (progress before it ends).
count_of("clue_disposal") := {"numerator": count(disposed), "denominator": count(received)} if {
	received := {c.id |
		some c in input.clues
		c.received >= clue_01.period_from
		c.received <= clue_01.period_to
		lib.judges("CLUE-01", c.received)
	}
	disposed := {c.id |
		some c in input.clues
		c.id in received
		is_string(c.disposed)
		c.disposed <= clue_01.period_to
	}
}

# 报送按时率: the unit's obligation instances RPT-01 judges (past due, or submitted); the misses are its
# findings (missing or late).
count_of("submission") := rate(judged | missed, missed) if {
	missed := {k | some [x, _, k] in flagged; x == "RPT-01"}
	judged := {sprintf("%s/%s", [ob.id, i.period]) |
		some u in obligations.unit_records
		some ob in obligations.declared
		some i in obligations.unit_instances(ob, u)
		submission_judged(ob, i)
	}
}

submission_judged(_, i) if lib.passed(i.due)

submission_judged(ob, i) if {
	some s in input.submissions
	s.obligation == ob.id
	s.period == i.period
	is_string(s.date)
}

# ---------------------------------------------------------------------------
# The export-wide pass: the rates

# kpis: the jurisdiction's rates, then each unit's, in the order of defs.
kpis := array.concat(jurisdiction_kpis, unit_kpis) if input.scope == "export"

jurisdiction_kpis := [k |
	some def in defs
	cs := [c | some us in input.unit_summaries; c := us.rules.KPI[def.id]]
	count(cs) > 0
	d := sum([c.denominator | some c in cs])
	d > 0
	k := kpi(def, "jurisdiction", "", null, sum([c.numerator | some c in cs]), d)
]

unit_kpis := [k |
	some us in input.unit_summaries
	some def in defs
	def.jurisdiction_only == false
	c := us.rules.KPI[def.id]
	c.denominator > 0
	k := kpi(def, "unit", us.unit, us.type, c.numerator, c.denominator)
]

kpi(def, scope, unit, unit_type, n, d) := object.union(
	{
		"id": def.id, "title": def.title, "title_en": def.title_en, "rules": def.rules,
		"scope": scope, "unit": unit, "unit_type": unit_type,
		"numerator": n, "denominator": d, "rate": n / d,
	},
	judged_against(def, scope, unit_type, n, d),
)

judged_against(def, scope, unit_type, n, d) := {"min": t.value, "min_source": t.source, "met": (n / d) >= t.value} if {
	t := target(def, scope, unit_type)
} else := {"min": null, "min_source": null, "met": null}

# target(def, scope, unit_type): the minimum and its clause: KPI.<id>_min, else the rule threshold.
target(def, _, _) := declared_target(def)

target(def, scope, unit_type) := rule_target(def) if {
	not declared_target(def)
	binds(def, scope, unit_type)
}

declared_target(def) := {"value": lib.param("KPI", name), "source": lib.param_source("KPI", name)} if {
	name := sprintf("%s_min", [def.id])
	lib.param("KPI", name)
}

rule_target(def) := {"value": lib.param(r, p), "source": lib.param_source(r, p)} if {
	[r, p] := def.min
	lib.param(r, p)
}

binds(def, _, _) if def.min_types == null

binds(def, "unit", unit_type) if unit_type in def.min_types

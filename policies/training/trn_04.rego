# METADATA
# title: 初次申领执法证件人员集中学习或岗位实训学时不足
# description: |
#   first_certified 在方案年度内的每名人员（任何 role），central（集中学习）学时 ≥ central_min_hours 且
#   practical（岗位实训）学时 ≥ practical_min_hours；两类学时计入日期不晚于方案年度最后一日的全部条目
#   （不限于当年；无日期或学时的条目不计）。每人一条，列出不足的各项。恰好达到为合格。
#   年度规则：as-of 日期晚于方案年度最后一日才评判。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: TRN-04
#   title_en: First-time certificate holder short of central study or on-the-job practical hours
#   severity: error
#   partition: unit
#   sources:
#     - 003_706ab2c6f407d180.txt 附件第10项第2点
#   params: [central_min_hours, practical_min_hours]
package jiandu.rules.trn_04

import data.jiandu.lib

findings contains f if {
	lib.year_closed
	some o in input.officers
	first := object.get(o, "first_certified", null)
	is_string(first)
	lib.in_year(first)
	parts := [p | some p in [check(o, "central"), check(o, "practical")]; p.short > 0]
	count(parts) > 0
	srcs := sort({p.source | some p in parts})
	f := lib.finding(rego.metadata.chain(), {
		"kind": "officer",
		"record": o.id,
		"unit": o.unit,
		"message": sprintf("执法人员 %s 于 %s 初次申领执法证件，%s（依据：%s）", [who(o), first, concat("；", [p.zh | some p in parts]), concat("；", srcs)]),
		"message_en": sprintf("%s, first certified on %s: %s (per %s)", [who_en(o), first, concat("; ", [p.en | some p in parts]), concat("; ", srcs)]),
		"detail": {
			"first_certified": first,
			"central": check(o, "central").hours,
			"central_min": check(o, "central").min,
			"practical": check(o, "practical").hours,
			"practical_min": check(o, "practical").min,
			"short": {p.category: p.short | some p in parts},
		},
	})
}

# The parameter of each pre-certification category and how a message names it.
param_of := {"central": "central_min_hours", "practical": "practical_min_hours"}

label_zh := {"central": "集中学习", "practical": "岗位实训"}

label_en := {"central": "central study", "practical": "on-the-job practical training"}

# check(o, cat): the officer's hours of the category dated up to the end of the profile's year.
check(o, cat) := r if {
	minimum := lib.param("TRN-04", param_of[cat])
	h := sum([t.hours |
		some t in object.get(o, "training", [])
		object.get(t, "category", null) == cat
		is_string(t.date)
		t.date <= lib.period_end
		is_number(t.hours)
	])
	short := num(max({minimum - h, 0}))
	r := {
		"category": cat,
		"hours": num(h),
		"min": minimum,
		"short": short,
		"source": lib.param_source("TRN-04", param_of[cat]),
		"zh": sprintf("%s %v 学时，少于 %v 学时，差 %v 学时", [label_zh[cat], num(h), minimum, short]),
		"en": sprintf("%v hours of %s, below %v, short by %v", [num(h), label_en[cat], minimum, short]),
	}
}

# num(x): hours rounded to two decimals for display.
num(x) := round(x * 100) / 100

name(o) := object.get(o, "name", null)

who(o) := sprintf("%s（%s）", [o.id, name(o)]) if is_string(name(o))

who(o) := o.id if not is_string(name(o))

who_en(o) := sprintf("%s (%s)", [o.id, name(o)]) if is_string(name(o))

who_en(o) := o.id if not is_string(name(o))

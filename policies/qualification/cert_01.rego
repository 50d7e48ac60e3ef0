# METADATA
# title: 镇街执法人员持证率未达到要求
# description: |
#   镇街单位（unit 记录 type 为 town）中持有效执法证件的执法人员 ÷ 全部执法人员 ≥ town_certified_min，
#   分子、分母都只计 role 为 officer 的人员。有效证件：状态 valid 且 签发日 ≤ D ≤ 有效期至，D = as-of 日期与
#   方案年度最后一日中较早者。只按单位评判（全辖区数字见 KPI 汇总）；执法人员为 0 不评判；恰好达到为合格。
#   年度规则：as-of 日期晚于方案年度最后一日才评判。summary 给出每个镇街单位的 certified、officers。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: CERT-01
#   title_en: Share of certified officers in a town below the required rate
#   severity: error
#   partition: unit
#   sources:
#     - 001_8cc9de9d925df07c.txt 一(二)3
#   params: [town_certified_min]
package jiandu.rules.cert_01

import data.jiandu.lib

# town: the partition's unit is a town (镇/街道) by its unit record.
town if {
	some u in input.units
	u.id == input.unit_id
	u.type == "town"
}

# check_date: D, the earlier of the as-of date and the last day of the profile's year.
check_date := min({lib.run.as_of_date, lib.period_end})

officers := [o | some o in input.officers; o.role == "officer"]

certified := [o | some o in officers; valid_certificate(o, check_date)]

summary := {"certified": count(certified), "officers": count(officers)} if {
	input.scope == "unit"
	town
}

findings contains f if {
	input.scope == "unit"
	town
	lib.year_closed
	minimum := lib.param("CERT-01", "town_certified_min")
	src := lib.param_source("CERT-01", "town_certified_min")
	n := count(certified)
	d := count(officers)
	r := lib.ratio(n, d)
	r < minimum
	needed := min({k | some k in numbers.range(n, d); k / d >= minimum})
	u := input.unit_id
	uncertified := sort([o.id | some o in officers; not valid_certificate(o, check_date)])
	f := lib.finding(rego.metadata.chain(), {
		"kind": "unit",
		"record": u,
		"unit": u,
		"message": sprintf("镇街单位 %s 于 %s 持有效执法证件的执法人员 %d 名 / 共 %d 名，持证率 %s，低于 %s，差 %d 名（依据：%s）", [unit_label(u), check_date, n, d, pct(r), pct(minimum), needed - n, src]),
		"message_en": sprintf("Town unit %s: %d of %d officers hold a valid certificate on %s (%s), below %s, short by %d (per %s)", [unit_label_en(u), n, d, check_date, pct(r), pct(minimum), needed - n, src]),
		"detail": {
			"date": check_date, "numerator": n, "denominator": d, "rate": r, "min": minimum,
			"needed": needed, "short": needed - n, "uncertified": uncertified, "source": src,
		},
	})
}

# valid_certificate(o, d): status valid and issued <= d <= expires (RULES.md, Readings).
valid_certificate(o, d) if {
	cert := object.get(o, "certificate", null)
	object.get(cert, "status", null) == "valid"
	is_string(cert.issued)
	is_string(cert.expires)
	cert.issued <= d
	d <= cert.expires
}

# pct(r): a rate as a percentage with two decimals (lib.pct fails on a whole percentage such as 90%).
pct(r) := s if {
	x := r * 100
	x == floor(x)
	s := sprintf("%d.00%%", [x])
} else := sprintf("%.2f%%", [r * 100])

# unit_name(u): the name of the unit's record, when it has one.
unit_name(u) := names[0] if {
	names := [x.name | some x in input.units; x.id == u; is_string(x.name)]
	count(names) > 0
}

unit_label(u) := sprintf("%s（%s）", [u, unit_name(u)]) if unit_name(u)

unit_label(u) := u if not unit_name(u)

unit_label_en(u) := sprintf("%s (%s)", [u, unit_name(u)]) if unit_name(u)

unit_label_en(u) := u if not unit_name(u)

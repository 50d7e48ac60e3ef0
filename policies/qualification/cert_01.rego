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
check_date := lib.check_date

officers := [o | some o in input.officers; o.role == "officer"]

certified := [o | d := check_date; some o in officers; lib.valid_certificate(o, d)]

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
	needed := lib.needed_count(n, d, minimum)
	u := input.unit_id
	uncertified := sort([o.id | some o in officers; not lib.valid_certificate(o, check_date)])
	f := lib.finding(rego.metadata.chain(), {
		"kind": "unit",
		"record": u,
		"unit": u,
		"message": sprintf("镇街单位 %s 于 %s 持有效执法证件的执法人员 %d 名 / 共 %d 名，持证率 %s，低于 %s，差 %d 名（依据：%s）", [lib.unit_label(u), check_date, n, d, lib.pct2(r), lib.pct2(minimum), needed - n, src]),
		"message_en": sprintf("Town unit %s: %d of %d officers hold a valid certificate on %s (%s), below %s, short by %d (per %s)", [lib.unit_label_en(u), n, d, check_date, lib.pct2(r), lib.pct2(minimum), needed - n, src]),
		"detail": {
			"date": check_date, "numerator": n, "denominator": d, "rate": r, "min": minimum,
			"needed": needed, "short": needed - n, "uncertified": uncertified, "source": src,
		},
	})
}

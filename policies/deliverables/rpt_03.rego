# METADATA
# title: 报送次数不足
# description: |
#   profile 声明 min_count 大于 0 的报送义务，对其适用的单位，在每一期内的报送记录数须不少于
#   min_count（如案卷自查每年至少 2 次）。无截止日期（due 为 null）的义务，期次为 profile 年度；有截止日期的
#   义务，期次为其在该年度的各期。计数的是报送记录条数（不读 count 字段），期次相同或属于该年度的
#   子期次（"2023-H1"、"2023-Q2"、"2023-05" 属于 "2023"）的记录都计入。年度规则：as-of 日期晚于
#   profile 年度最后一日才报告。每个（单位，义务，期次）一条，key 为 "<obligation>/<period>"。
#   每项义务自己的条款（profile 中的 source）随 finding 的 sources 一并给出。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: RPT-03
#   title_en: Fewer deliveries in the period than the obligation requires
#   severity: error
#   partition: unit
#   sources:
#     - 003_706ab2c6f407d180.txt 一(二)7
#     - 003_706ab2c6f407d180.txt 附件第8项 每年至少组织开展2次
#   params: []
package jiandu.rules.rpt_03

import data.jiandu.lib
import data.jiandu.lib.obligations

findings contains f if {
	lib.year_closed
	some u in obligations.unit_records
	some ob in obligations.declared
	need := object.get(ob, "min_count", 0)
	is_number(need)
	need > 0
	some p in obligations.count_periods(ob, u)
	ids := sort([s.id |
		some s in input.submissions
		s.obligation == ob.id
		obligations.within(s.period, p)
	])
	n := count(ids)
	n < need
	f := lib.finding(rego.metadata.chain(), {
		"kind": "unit",
		"record": u.id,
		"unit": u.id,
		"key": sprintf("%s/%s", [ob.id, p]),
		"message": sprintf("单位 %s 在期次 %s 报送“%s”（%s）%d 次，少于应报的 %d 次，差 %d 次（%s）", [obligations.unit_label(u), p, obligations.title(ob), ob.id, n, need, need - n, concat("；", obligations.sources(ob))]),
		"message_en": sprintf("Unit %s delivered \"%s\" (%s) %d times in period %s, fewer than the %d required (%d short)", [u.id, obligations.title_en(ob), ob.id, n, p, need, need - n]),
		"detail": {
			"obligation": ob.id,
			"period": p,
			"count": n,
			"min": need,
			"submissions": ids,
		},
		"sources": obligations.sources(ob),
	})
}

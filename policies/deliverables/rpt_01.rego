# METADATA
# title: 报送事项未按期报送
# description: |
#   profile 声明的每项报送义务（obligations），对其适用的单位（applies_to 列出的单位类型，或
#   supervision_office 为 true 的单位），在 profile 年度内每一期（按 due 展开，见
#   jiandu.lib.obligations）须在截止日当日或之前报送。截止日已过（as-of 日期晚于截止日）仍无
#   该义务、该期次的已报送记录（submission.date 不为空）为“未报送”；最早一份报送晚于截止日为
#   “迟报”，报告迟报天数（自然日）。计划规定的固定日期不顺延。每个（单位，义务，期次）一条，
#   key 为 "<obligation>/<period>"。
#   每项义务自己的条款（profile 中的 source）随 finding 的 sources 一并给出。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: RPT-01
#   title_en: Obligation not delivered by its due date
#   severity: error
#   partition: unit
#   sources:
#     - 国办发〔2018〕118号 (六)
#     - 000_290ff12546d35da7.txt 附件 完成时间
#     - 001_8cc9de9d925df07c.txt 附件分解清单 完成时间
#     - 002_9b0a4fc8e477fbdb.txt 二
#     - 003_706ab2c6f407d180.txt 附件工作任务清单 工作序时要求
#     - 004_9f0e2cb3a48f2f27.txt 附件试点任务清单
#   params: []
package jiandu.rules.rpt_01

import data.jiandu.lib
import data.jiandu.lib.explain
import data.jiandu.lib.obligations

findings contains f if {
	some u in obligations.unit_records
	some ob in obligations.declared
	some i in obligations.unit_instances(ob, u)
	lib.passed(i.due)
	filed := sort([[s.date, s.id] |
		some s in input.submissions
		s.obligation == ob.id
		s.period == i.period
		is_string(s.date)
	])
	f := result(u, ob, i, filed)
}

result(u, ob, i, filed) := lib.finding(rego.metadata.chain(), {
	"kind": "unit",
	"record": u.id,
	"unit": u.id,
	"key": sprintf("%s/%s", [ob.id, i.period]),
	"message": sprintf("单位 %s 未报送“%s”（%s，期次 %s）：应于 %s 前报送，截至 %s 仍无报送记录（%s）", [obligations.unit_label(u), obligations.title(ob), ob.id, i.period, i.due, lib.run.as_of_date, concat("；", obligations.sources(ob))]),
	"message_en": sprintf("Unit %s has not delivered \"%s\" (%s, period %s): due %s, nothing delivered by %s", [u.id, obligations.title_en(ob), ob.id, i.period, i.due, lib.run.as_of_date]),
	"detail": {
		"obligation": ob.id,
		"period": i.period,
		"due": i.due,
		"status": "missing",
		"filed": null,
		"submission": null,
		"days_late": null,
		"steps": array.concat(explain.obligation(ob, i, u), [
			explain.note(
				sprintf("本单位没有义务 %s、期次 %s 的已报送记录（submissions 中 obligation、period 相符且 date 不为空）", [ob.id, i.period]),
				sprintf("the unit has no delivered submission for obligation %s, period %s (a submission with that obligation and period and a date)", [ob.id, i.period]),
			),
			explain.overdue(i.due, "报送", "submission"),
		]),
	},
	"sources": obligations.sources(ob),
}) if {
	count(filed) == 0
}

result(u, ob, i, filed) := lib.finding(rego.metadata.chain(), {
	"kind": "unit",
	"record": u.id,
	"unit": u.id,
	"key": sprintf("%s/%s", [ob.id, i.period]),
	"message": sprintf("单位 %s 迟报“%s”（%s，期次 %s）%d 天：应于 %s 前报送，最早报送 %s 于 %s（%s）", [obligations.unit_label(u), obligations.title(ob), ob.id, i.period, days, i.due, first[1], first[0], concat("；", obligations.sources(ob))]),
	"message_en": sprintf("Unit %s delivered \"%s\" (%s, period %s) %d days late: due %s, first delivered by %s on %s", [u.id, obligations.title_en(ob), ob.id, i.period, days, i.due, first[1], first[0]]),
	"detail": {
		"obligation": ob.id,
		"period": i.period,
		"due": i.due,
		"status": "late",
		"filed": first[0],
		"submission": first[1],
		"days_late": days,
		"steps": array.concat(
			array.concat(explain.obligation(ob, i, u), [explain.fact("submission", x[1], "/date", "报送日期", "delivered on", x[0]) | some x in filed]),
			[explain.days_late(i.due, first[0], sprintf("最早一份报送 %s", [first[1]]), sprintf("the first submission %s was delivered", [first[1]]))],
		),
	},
	"sources": obligations.sources(ob),
}) if {
	count(filed) > 0
	first := filed[0]
	first[0] > i.due
	days := lib.days_between(i.due, first[0])
}

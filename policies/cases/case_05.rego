# METADATA
# title: 已决案件缺少执法全过程记录
# description: |
#   已作出决定（有决定日期）的案件，须对 required_stages 所列每个环节（启动、调查取证、审核决定、送达执行）
#   留有全过程记录（recordings.stage）。读法：环节按枚举值精确匹配（decision 记录不能代替 review）；记录的
#   media、date 不作要求；任何类别的已决案件都适用，决定一经作出即检查，不设等待期。一个案件缺少的环节合并为
#   一条 finding（key 为空），detail.missing 按 required_stages 的顺序列出。参数取决定日期时有效的值；年度方案
#   只判断本年度作出的决定。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: CASE-05
#   title_en: Decided case without a full-process record of every stage
#   severity: error
#   partition: unit
#   sources:
#     - 003_706ab2c6f407d180.txt 附件第6项第1点
#     - 002_9b0a4fc8e477fbdb.txt 二(二)3
#     - 001_8cc9de9d925df07c.txt 附件分解清单 行政执法“三项制度”落实
#     - 国办发〔2018〕118号 三
#   params: [required_stages]
package jiandu.rules.case_05

import data.jiandu.lib

stage_names := {
	"initiation": "启动",
	"investigation": "调查取证",
	"review": "审核",
	"decision": "决定",
	"service": "送达",
	"execution": "执行",
}

stage_name(s) := object.get(stage_names, s, s)

# any_required: every stage required_stages names on some date. A case with a record of each of them
# lacks none on any date and is not looked at further (tested first: most cases have them all).
any_required := {s | some e in lib.profile.params["CASE-05"].required_stages; some s in e.value}

findings contains f if {
	y := lib.judged_prefix("CASE-05")
	anywhen := any_required
	some c in input.cases
	have := {r.stage | some r in c.recordings}
	not object.subset(have, anywhen)
	d := c.decision.date
	is_string(d)
	startswith(d, y)
	required := lib.param_at("CASE-05", "required_stages", d)
	missing := [s | some s in required; not s in have]
	count(missing) > 0
	src := lib.clause(lib.param_source_at("CASE-05", "required_stages", d))
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("案件 %s（决定 %s）缺少执法全过程记录：%s 环节无记录（应记录 %s；%s）", [c.id, d, concat("、", [stage_name(s) | some s in missing]), concat("、", [stage_name(s) | some s in required]), src]),
		"message_en": sprintf("Case %s (decided %s) has no full-process record of the stage(s) %s (required: %s; %s)", [c.id, d, concat(", ", missing), concat(", ", required), src]),
		"detail": {"decision": d, "missing": missing, "required": required},
	})
}

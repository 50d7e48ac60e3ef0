# METADATA
# title: 案卷自查评查数量不足
# description: |
#   单位年度案卷评查数（其 obligation 参数所名报送义务、期次属于 profile 年度的报送记录的 count 之和，
#   count 为空的记录计 0）须不少于 required(N)。N = 该单位决定日期在 profile 年度内的案件数；分区中
#   没有该单位的任何案件时，取单位记录的 case_total。required(N)：按 tiers 参数（按 max 升序）取第一个
#   N ≤ max 的档，应评查 ⌈share × N⌉ 件；N 超过最高档时为 cap 件（003 附件第8项：20件以内100%、
#   21-50件40%、51-100件30%、101-200件20%、201件以上不少于50件）。只检查该报送义务适用的单位
#   （profile 未声明该义务时检查每个单位）。年度规则：as-of 日期晚于 profile 年度最后一日才报告。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: REV-01
#   title_en: Too few case files self-reviewed for the unit's caseload
#   severity: error
#   partition: unit
#   sources:
#     - 003_706ab2c6f407d180.txt 附件第8项 行政执法案卷评查比例
#     - 003_706ab2c6f407d180.txt 一(二)7
#   params: [tiers, cap, obligation]
package jiandu.rules.rev_01

import data.jiandu.lib
import data.jiandu.lib.obligations

findings contains f if {
	lib.year_closed
	ob_id := lib.param("REV-01", "obligation")
	some u in obligations.unit_records
	in_scope(ob_id, u)
	[n, from] := caseload(u)
	req := required(n)
	reviewed := obligations.year_count(ob_id)
	reviewed < req.count
	f := lib.finding(rego.metadata.chain(), {
		"kind": "unit",
		"record": u.id,
		"unit": u.id,
		"message": sprintf("单位 %s %d 年度案卷评查 %v 件，少于应评查的 %d 件（%s 件案件，%s），差 %v 件（%s）", [obligations.unit_label(u), lib.profile_year, reviewed, req.count, n_label(n, from), req.zh, req.count - reviewed, lib.param_source("REV-01", "tiers")]),
		"message_en": sprintf("Unit %s self-reviewed %v case files in %d, fewer than the %d required for %d cases (%s), %v short", [u.id, reviewed, lib.profile_year, req.count, n, req.en, req.count - reviewed]),
		"detail": {
			"cases": n,
			"cases_from": from,
			"required": req.count,
			"share": req.share,
			"cap": lib.param("REV-01", "cap"),
			"reviewed": reviewed,
			"obligation": ob_id,
			"period": obligations.year_label,
		},
	})
}

# in_scope(ob_id, u): the unit is one the review obligation applies to (every unit when the profile
# declares no obligation of that id).
in_scope(ob_id, u) if {
	some ob in obligations.declared
	ob.id == ob_id
	obligations.applies(ob, u)
}

in_scope(ob_id, _) if {
	not declared(ob_id)
}

declared(ob_id) if {
	some ob in obligations.declared
	ob.id == ob_id
}

# caseload(u): [N, where N comes from].
caseload(_) := [n, "cases"] if {
	count(unit_cases) > 0
	y := lib.year_prefix
	n := count([c | some c in unit_cases; startswith(c.decision.date, y)])
}

caseload(u) := [u.case_total, "case_total"] if {
	count(unit_cases) == 0
	is_number(u.case_total)
}

unit_cases := [c | some c in input.cases; c.unit == input.unit_id]

n_label(n, "cases") := sprintf("%d 年决定 %d", [lib.profile_year, n])

n_label(n, "case_total") := sprintf("case_total %d", [n])

# required(n): {count, share, zh, en} after the tiers, or the cap above the highest tier.
required(n) := r if {
	tiers := sort([[t.max, t.share] | some t in lib.param("REV-01", "tiers")])
	fits := [t | some t in tiers; n <= t[0]]
	count(fits) > 0
	[top, share] := fits[0]
	r := {
		"count": ceil_share(share, n),
		"share": share,
		"zh": sprintf("%d 件以内按 %v%% 计，⌈%v × %d⌉", [top, share * 100, share, n]),
		"en": sprintf("%v%% up to %d cases, ceil(%v × %d)", [share * 100, top, share, n]),
	}
}

required(n) := r if {
	tiers := lib.param("REV-01", "tiers")
	every t in tiers {
		n > t.max
	}
	cap := lib.param("REV-01", "cap")
	r := {
		"count": cap,
		"share": null,
		"zh": sprintf("超过 %d 件的不少于 %d 件", [max([t.max | some t in tiers]), cap]),
		"en": sprintf("at least %d above %d cases", [cap, max([t.max | some t in tiers])]),
	}
}

# ceil_share(share, n): ⌈share × n⌉, the product first rounded to 6 decimals so that a share such as 0.3
# (not exact in binary) gives ⌈0.3 × 100⌉ = 30, not 31.
ceil_share(share, n) := ceil(round((share * n) * 1000000) / 1000000)

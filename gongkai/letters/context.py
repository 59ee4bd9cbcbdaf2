"""What goes into a letter: `LetterContext`, and the placeholders a template may use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Literal

from gongkai.clock.calendar import cn_date
from gongkai.clock.fees import quote_per_pages, quote_per_request
from gongkai.letters.kinds import LETTERS, REGULATION, LetterSpec

# Every placeholder a template may contain, with what it stands for (shown to agencies
# who upload their own templates).
PLACEHOLDERS: dict[str, str] = {
    "agency_name": "行政机关名称",
    "letter_number": "文号，如 平卫依申〔2024〕12号",
    "applicant_name": "申请人姓名或名称",
    "received_on": "收到申请之日",
    "description": "申请公开的政府信息的内容描述",
    "letter_date": "落款日期",
    "responsible_agency": "负责公开该信息的行政机关",
    "responsible_agency_contact": "该行政机关的联系方式",
    "reason": "理由或说明",
    "how_provided": "提供信息或获取信息的方式、途径",
    "correction_items": "需要补正的事项",
    "correction_requested_on": "发出补正通知之日",
    "correction_until": "补正期限",
    "due": "答复期限（延期后）",
    "third_party_name": "第三方名称（征求意见函的收件人）",
    "answer_by": "第三方提出意见的期限",
    "previous_reply_on": "此前作出答复之日",
    "fee_yuan": "信息处理费金额（元）",
    "fee_explanation": "信息处理费的计算说明",
    "fee_notice_on": "发出收费通知之日",
    "fee_pay_by": "缴费期限",
    "payment_method": "缴费方式",
    "contact": "联系人及联系电话",
    "review_agency": "行政复议机关",
    "court": "管辖的人民法院",
    # computed from the kind and the fields above
    "title": "文书标题（按文书类型）",
    "legal_basis": "法律依据（按文书类型）",
    "addressee": "收件人（申请人或第三方）",
    "responsible_agency_sentence": "负责公开的行政机关的告知语（不掌握相关信息时）",
    "reason_sentence": "理由或说明，句末加句号",
    "reason_line": "“理由：……”一段（未填写理由或予以公开时省略；征求意见函为“有关情况说明：……”）",
    "contact_line": "“联系人及电话：……”一段（未填写时省略）",
    "remedies": "救济途径：行政复议（60日）与行政诉讼（6个月）",
}

# Placeholders a letter may leave empty: lines left out when there is nothing to say.
# Every other placeholder a template uses must have a value, or no letter is made.
OPTIONAL_PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "reason_line",
        "contact_line",
        "contact",
        "fee_explanation",
        "responsible_agency_contact",
        "remedies",
        "review_agency",
        "court",
    }
)
# Dates that depend on the holiday schedule; marked when the schedule is not loaded yet.
CLOCK_DATES = ("due", "correction_until", "answer_by", "fee_pay_by")
PROVISIONAL_NOTE = "（暂定，以国务院公布的节假日安排为准）"


@dataclass(frozen=True)
class LetterContext:
    """The facts a letter is made of. Dates are `date`s; the letter writes them in Chinese."""

    agency_name: str
    letter_number: str
    applicant_name: str
    received_on: date
    letter_date: date
    description: str = ""
    responsible_agency: str = ""
    responsible_agency_contact: str = ""
    reason: str = ""
    how_provided: str = ""
    correction_items: str = ""
    correction_requested_on: date | None = None
    correction_until: date | None = None
    due: date | None = None
    third_party_name: str = ""
    answer_by: date | None = None
    previous_reply_on: date | None = None
    fee_yuan: int | None = None
    fee_method: Literal["per_request", "per_pages", ""] = ""
    fee_quantity: int = 0
    fee_notice_on: date | None = None
    fee_pay_by: date | None = None
    payment_method: str = ""
    contact: str = ""
    review_agency: str = ""
    court: str = ""
    provisional: bool = False  # the clock's dates fall in a year without holiday schedule

    def __post_init__(self) -> None:
        for name, label in (
            ("agency_name", "行政机关名称"),
            ("letter_number", "文号"),
            ("applicant_name", "申请人"),
        ):
            if not str(getattr(self, name)).strip():
                raise ValueError(f"文书须填写{label}")
        if self.fee_method not in ("per_request", "per_pages", ""):
            raise ValueError(f"无法识别的收费方式“{self.fee_method}”")
        if self.fee_yuan is not None and self.fee_yuan < 0:
            raise ValueError("信息处理费不能为负数")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return cn_date(value)
    return str(value)


def _sentence(text: str) -> str:
    """Text that ends a paragraph, with its full stop."""
    text = text.strip()
    return text if not text or text[-1] in "。！？；…." else text + "。"


def _fee(ctx: LetterContext) -> tuple[str, str]:
    """The fee in yuan and its explanation, computed from the method when one is given."""
    if ctx.fee_method and ctx.fee_quantity:
        quote = (
            quote_per_request(ctx.fee_quantity)
            if ctx.fee_method == "per_request"
            else quote_per_pages(ctx.fee_quantity)
        )
        if ctx.fee_yuan is not None and ctx.fee_yuan != quote.yuan:
            raise ValueError(f"信息处理费{ctx.fee_yuan}元与按标准计算的{quote.yuan}元不一致")
        return str(quote.yuan), "计算方法：" + "；".join(quote.steps) + "。"
    return _text(ctx.fee_yuan), ""


def letter_values(
    spec: LetterSpec, context: LetterContext | Mapping[str, object]
) -> dict[str, str]:
    """The text of every placeholder for a letter of kind `spec` (mappings are taken as given)."""
    if isinstance(context, LetterContext):
        values = {
            f.name: _text(getattr(context, f.name))
            for f in fields(context)
            if f.name in PLACEHOLDERS
        }
        values["fee_yuan"], values["fee_explanation"] = _fee(context)
        if context.provisional:
            for name in CLOCK_DATES:
                if values[name]:
                    values[name] += PROVISIONAL_NOTE
        missing = [PLACEHOLDERS.get(n, n) for n in spec.required if not values.get(n)]
        if missing:
            raise ValueError(f"{spec.title}须填写：{'、'.join(missing)}")
    else:
        values = {str(k): _text(v) for k, v in context.items()}
        if not values.get("letter_date"):
            values["letter_date"] = values.get("date", "")
    for name in PLACEHOLDERS:
        values.setdefault(name, "")
    basis = spec.basis
    responsible = values["responsible_agency"]
    if spec.kind == "unable.not_held":
        if responsible:
            contact = values["responsible_agency_contact"]
            how = f"，联系方式：{contact}" if contact else ""
            values["responsible_agency_sentence"] = (
                f"该信息不属于本机关负责公开，根据{basis}的规定，"
                f"告知您负责公开该政府信息的行政机关为{responsible}{how}。"
            )
        else:
            basis = f"{REGULATION}第三十六条第（四）项"
            values["responsible_agency_sentence"] = f"根据{basis}的规定，告知您该政府信息不存在。"
    values["title"] = spec.title
    values["legal_basis"] = basis
    values["addressee"] = (
        values["applicant_name"] if spec.to_applicant else values["third_party_name"]
    )
    if not values["how_provided"] and spec.kind in ("granted", "partially_granted"):
        values["how_provided"] = "随本答复书一并提供"
    # The templates put their own full stop after the description ("…为：{{description}}。").
    values["description"] = values["description"].rstrip().rstrip("。.")
    reason = values["reason"]
    # The handler's reason belongs in a decision that refuses something; a grant needs
    # none, and a notice says only what its body says.
    says_reason = spec.remedies and spec.kind != "granted" and "{{reason" not in "".join(spec.body)
    values["reason_sentence"] = _sentence(reason)
    values["reason_line"] = f"理由：{_sentence(reason)}" if reason and says_reason else ""
    if spec.kind == "consultation_letter" and reason:
        values["reason_line"] = f"有关情况说明：{_sentence(reason)}"
    values["correction_items"] = _sentence(values["correction_items"])
    contact = values["contact"]
    values["contact_line"] = f"联系人及电话：{contact}" if contact else ""
    review, court = values["review_agency"], values["court"]
    where = f"向{review}" if review else "依法"
    court_where = f"向{court}" if court else "依法向人民法院"
    values["remedies"] = (
        f"如对本答复不服，可以自收到本答复之日起60日内{where}申请行政复议，"
        f"或者自收到本答复之日起6个月内{court_where}提起行政诉讼。"
        if spec.remedies
        else ""
    )
    return values


def empty_placeholders(used: set[str], values: Mapping[str, str]) -> list[str]:
    """The placeholders a template uses that would print nothing (labels, for a message)."""
    return [
        PLACEHOLDERS.get(n, n)
        for n in sorted(used)
        if n in PLACEHOLDERS and n not in OPTIONAL_PLACEHOLDERS and not values.get(n, "").strip()
    ]


def known_placeholders() -> frozenset[str]:
    return frozenset(PLACEHOLDERS)


def spec_for(kind: str) -> LetterSpec:
    try:
        return LETTERS[kind]
    except KeyError:
        raise ValueError(f"无法识别的文书类型“{kind}”") from None

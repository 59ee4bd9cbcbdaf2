"""The letters an agency sends, as data: title, legal basis and body of each kind.

One reply letter per disposition (the 21 leaves of table 三, 2021 format) plus the four
notices of the procedure. Bodies are paragraphs with `{{placeholders}}` (see `PLACEHOLDERS`);
the default DOCX template of a kind is built from them, and agencies may upload their own.
The legal bases follow the 政府信息公开条例 (2019) article by article.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.report.model import REQUEST_ROWS

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_MEASURES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


@dataclass(frozen=True)
class LetterSpec:
    """One kind of letter."""

    kind: str
    title: str  # the document's title, e.g. 政府信息不予公开告知书
    label: str  # what it is, e.g. 不予公开·属于国家秘密
    basis: str  # the legal basis cited, e.g. 《中华人民共和国政府信息公开条例》第十四条
    body: tuple[str, ...]  # paragraphs after the opening one
    to_applicant: bool = True  # False: addressed to a third party (consultation letter)
    remedies: bool = True  # the letter is a decision the applicant may challenge
    required: tuple[str, ...] = ()  # context fields this kind cannot do without


def _r(article: str) -> str:
    return f"{REGULATION}{article}"


_GRANTED = "政府信息公开申请答复书"
_WITHHELD = "政府信息不予公开告知书"
_UNABLE = "政府信息无法提供告知书"
_NOT_HANDLED = "政府信息公开申请不予处理告知书"
_ENDED = "政府信息公开申请终止处理告知书"

_SPECS: tuple[LetterSpec, ...] = (
    LetterSpec(
        "granted",
        _GRANTED,
        "予以公开",
        _r("第三十六条第（二）项"),
        (
            "经审查，您申请公开的政府信息属于可以公开的政府信息。根据{{legal_basis}}的规定，"
            "本机关予以公开，{{how_provided}}。",
        ),
    ),
    LetterSpec(
        "partially_granted",
        "政府信息部分公开告知书",
        "部分公开",
        _r("第三十七条"),
        (
            "经审查，您申请公开的信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理。"
            "根据{{legal_basis}}的规定，本机关向您提供可以公开的政府信息内容，{{how_provided}}；"
            "对不予公开的内容，说明理由如下：{{reason_sentence}}",
        ),
        required=("reason",),
    ),
    LetterSpec(
        "withheld.state_secret",
        _WITHHELD,
        "不予公开·属于国家秘密",
        _r("第十四条"),
        (
            "经审查，您申请公开的信息属于依法确定为国家秘密的政府信息。根据{{legal_basis}}"
            "的规定，本机关决定不予公开。",
        ),
    ),
    LetterSpec(
        "withheld.prohibited_by_law",
        _WITHHELD,
        "不予公开·其他法律行政法规禁止公开",
        _r("第十四条"),
        (
            "经审查，您申请公开的信息属于法律、行政法规禁止公开的政府信息。根据{{legal_basis}}"
            "的规定，本机关决定不予公开。",
        ),
    ),
    LetterSpec(
        "withheld.security_stability",
        _WITHHELD,
        "不予公开·危及“三安全一稳定”",
        _r("第十四条"),
        (
            "经审查，您申请公开的信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。"
            "根据{{legal_basis}}的规定，本机关决定不予公开。",
        ),
    ),
    LetterSpec(
        "withheld.third_party_rights",
        _WITHHELD,
        "不予公开·保护第三方合法权益",
        _r("第十五条"),
        (
            "经审查，您申请公开的信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。"
            "根据{{legal_basis}}的规定，本机关决定不予公开。",
        ),
    ),
    LetterSpec(
        "withheld.internal_affairs",
        _WITHHELD,
        "不予公开·属于三类内部事务信息",
        _r("第十六条第一款"),
        (
            "经审查，您申请公开的信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息。"
            "根据{{legal_basis}}的规定，本机关决定不予公开。",
        ),
    ),
    LetterSpec(
        "withheld.process_information",
        _WITHHELD,
        "不予公开·属于四类过程性信息",
        _r("第十六条第二款"),
        (
            "经审查，您申请公开的信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
            "磋商信函、请示报告等过程性信息。根据{{legal_basis}}的规定，本机关决定不予公开。",
        ),
    ),
    LetterSpec(
        "withheld.enforcement_file",
        _WITHHELD,
        "不予公开·属于行政执法案卷",
        _r("第十六条第二款"),
        (
            "经审查，您申请公开的信息属于行政执法案卷信息。根据{{legal_basis}}的规定，"
            "本机关决定不予公开。",
        ),
    ),
    LetterSpec(
        "withheld.administrative_query",
        _WITHHELD,
        "不予公开·属于行政查询事项",
        _r("第三十六条第（七）项"),
        (
            "经审查，您申请公开的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取"
            "有特别规定。根据{{legal_basis}}的规定，请您依照有关法律、行政法规的规定办理。",
        ),
    ),
    LetterSpec(
        "unable.not_held",
        _UNABLE,
        "无法提供·本机关不掌握相关政府信息",
        _r("第三十六条第（五）项"),  # 第三十六条第（四）项 when no responsible agency is known
        ("经检索，本机关不掌握您申请公开的政府信息。{{responsible_agency_sentence}}",),
    ),
    LetterSpec(
        "unable.needs_creation",
        _UNABLE,
        "无法提供·没有现成信息需要另行制作",
        _r("第三十八条"),
        (
            "经审查，本机关没有您申请公开的现成信息，需要对现有政府信息进行加工、分析方能形成。"
            "根据{{legal_basis}}的规定，本机关不予提供。",
        ),
    ),
    LetterSpec(
        "unable.still_unclear",
        _UNABLE,
        "无法提供·补正后申请内容仍不明确",
        _r("第三十条"),
        (
            "本机关已{{correction_requested_on}}一次性告知您对申请内容作出补正。经审查，"
            "补正后申请内容仍不明确，本机关无法确定您申请公开的政府信息。根据{{legal_basis}}"
            "的规定，本机关无法向您提供。",
        ),
    ),
    LetterSpec(
        "not_handled.petition",
        _NOT_HANDLED,
        "不予处理·信访举报投诉类申请",
        _r("第三十九条第一款"),
        (
            "经审查，您以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{{legal_basis}}"
            "的规定，本机关不作为政府信息公开申请处理，您可以通过相应渠道提出。",
        ),
    ),
    LetterSpec(
        "not_handled.repeated",
        _NOT_HANDLED,
        "不予处理·重复申请",
        _r("第三十六条第（六）项"),
        (
            "本机关已{{previous_reply_on}}就您提出的政府信息公开申请作出答复，您重复申请公开相同"
            "政府信息。根据{{legal_basis}}的规定，本机关不予重复处理。",
        ),
    ),
    LetterSpec(
        "not_handled.publication",
        _NOT_HANDLED,
        "不予处理·要求提供公开出版物",
        _r("第三十九条第二款"),
        (
            "经审查，您申请获取的是政府公报、报刊、书籍等公开出版物。根据{{legal_basis}}"
            "的规定，现告知您获取的途径：{{how_provided}}。",
        ),
        required=("how_provided",),
    ),
    LetterSpec(
        "not_handled.excessive",
        _NOT_HANDLED,
        "不予处理·无正当理由大量反复申请",
        _r("第三十五条"),
        (
            "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。经审查，"
            "本机关认为申请理由不合理。根据{{legal_basis}}的规定，本机关不予处理。",
        ),
    ),
    LetterSpec(
        "not_handled.confirmation",
        _NOT_HANDLED,
        "不予处理·要求行政机关确认或重新出具已获取信息",
        # The 条例 has no clause of its own for this case; 第二条 defines 政府信息 as
        # information already made or obtained and recorded, which a request to confirm
        # or re-issue is not. Agencies who cite otherwise edit their template.
        _r("第二条"),
        (
            "经审查，您的申请系要求本机关确认或者重新出具您已获取的信息，不属于{{legal_basis}}"
            "所称的获取政府信息，本机关不作为政府信息公开申请处理。",
        ),
    ),
    LetterSpec(
        "other.no_correction",
        _ENDED,
        "其他处理·申请人无正当理由逾期不补正",
        _r("第三十条"),
        (
            "本机关已{{correction_requested_on}}一次性告知您作出补正，补正期限至{{correction_until}}。"
            "您无正当理由逾期未补正，根据{{legal_basis}}的规定，视为放弃申请，"
            "本机关不再处理该政府信息公开申请。",
        ),
    ),
    LetterSpec(
        "other.fee_unpaid",
        _ENDED,
        "其他处理·申请人逾期未按收费通知要求缴纳费用",
        FEE_MEASURES,
        (
            "本机关已{{fee_notice_on}}向您发出收费通知，缴费期限至{{fee_pay_by}}。您逾期未按收费通知"
            "要求缴纳费用，根据{{legal_basis}}的规定，视为放弃申请，本机关不再处理该政府信息公开申请。",
        ),
    ),
    LetterSpec(
        "other.other",
        "政府信息公开申请处理告知书",
        "其他处理·其他",
        REGULATION,
        ("经审查，根据{{legal_basis}}的有关规定，现告知如下：{{reason_sentence}}",),
        required=("reason",),
    ),
    # ------------------------------------------------------------ the procedure
    LetterSpec(
        "correction_notice",
        "政府信息公开申请补正通知书",
        "补正通知书",
        _r("第三十条"),
        (
            "经审查，您的申请内容不明确。根据{{legal_basis}}的规定，请您对以下事项作出补正："
            "{{correction_items}}",
            "请于{{correction_until}}前向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。"
            "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        ),
        remedies=False,
        required=("correction_items", "correction_until"),
    ),
    LetterSpec(
        "extension_notice",
        "延期答复告知书",
        "延期答复告知书",
        _r("第三十三条第一款"),
        (
            "因{{reason}}，本机关无法在收到申请之日起20个工作日内作出答复。经本机关政府信息公开工作"
            "机构负责人同意，根据{{legal_basis}}的规定，答复期限延长20个工作日，"
            "本机关将于{{due}}前作出答复。",
        ),
        remedies=False,
        required=("reason", "due"),
    ),
    LetterSpec(
        "consultation_letter",
        "政府信息公开征求意见函",
        "征求意见函",
        _r("第三十二条"),
        (
            "本机关收到的政府信息公开申请涉及贵方，申请公开的信息为：{{description}}。该信息公开"
            "可能损害贵方合法权益，根据{{legal_basis}}的规定，现书面征求贵方意见。",
            "请贵方自收到本函之日起15个工作日内（{{answer_by}}前）以书面形式提出意见；不同意公开的，"
            "请说明理由。逾期未提出意见的，本机关将依照条例的规定决定是否公开。第三方不同意公开且有"
            "合理理由的，行政机关不予公开；行政机关认为不公开可能对公共利益造成重大影响的，可以决定"
            "予以公开，并将决定公开的政府信息内容和理由书面告知第三方。",
        ),
        to_applicant=False,
        remedies=False,
        required=("third_party_name", "answer_by"),
    ),
    LetterSpec(
        "fee_notice",
        "政府信息公开信息处理费收费通知书",
        "收费通知书",
        FEE_MEASURES,
        (
            "根据{{legal_basis}}的规定，您的申请应当缴纳信息处理费{{fee_yuan}}元。{{fee_explanation}}",
            "请自收到本通知之日起20个工作日内（{{fee_pay_by}}前）缴纳，缴纳方式：{{payment_method}}。"
            "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。缴纳费用期间不计算在"
            "答复期限内。",
        ),
        remedies=False,
        required=("fee_yuan",),
    ),
)

LETTERS: dict[str, LetterSpec] = {spec.kind: spec for spec in _SPECS}
LETTER_KINDS: dict[str, str] = {spec.kind: spec.title for spec in _SPECS}
NOTICE_KINDS: tuple[str, ...] = (
    "correction_notice",
    "extension_notice",
    "consultation_letter",
    "fee_notice",
)


def _check_complete() -> None:
    dispositions = [r.key for r in REQUEST_ROWS["2021"] if r.disposition]
    missing = [k for k in dispositions if k not in LETTERS]
    if missing:  # pragma: no cover - a broken table is a programming error
        raise RuntimeError(f"no letter for dispositions {missing}")


_check_complete()

"""Demo data: 平罗县 with three departments, users for every role, two years of requests.

`load(today)` is idempotent: running it twice changes nothing. Every request is walked
through the real workflow (`services.perform`), so events, letters and due dates are
exactly what the desk would have produced; steps dated after `today` are not taken, so
recent requests stay open and some older ones are overdue.
"""

from __future__ import annotations

import importlib
import importlib.util
import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from gongkai.web.accounts.models import Agency, User
from gongkai.web.requests import clockwork, services
from gongkai.web.requests.models import Request, disposition_keys

TZ = ZoneInfo("Asia/Shanghai")
PASSWORD = "Pingluo-Demo-2024"

COUNTY = ("平罗县人民政府", "pingluo", "government", "平政依申〔{year}〕{seq}号", "gov")
DEPARTMENTS = [
    ("平罗县卫生健康局", "pingluo-wj", "department", "平卫依申〔{year}〕{seq}号", "wj"),
    ("平罗县教育局", "pingluo-jy", "department", "平教依申〔{year}〕{seq}号", "jy"),
    ("平罗县自然资源局", "pingluo-zr", "department", "平自然依申〔{year}〕{seq}号", "zr"),
]
ROLES = [
    ("handler", "经办人", {"is_handler": True}),
    ("reviewer", "审核人", {"is_reviewer": True}),
    ("head", "负责人", {"is_head": True}),
    ("admin", "机关管理员", {"is_agency_admin": True}),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = [
    "建国",
    "秀兰",
    "海燕",
    "志强",
    "丽娟",
    "国庆",
    "晓东",
    "红梅",
    "永福",
    "春花",
    "文斌",
    "玉兰",
]
TOPICS = {
    "wj": [
        "{y}年平罗县乡镇卫生院基本公共卫生服务项目资金分配文件",
        "平罗县人民医院{y}年医疗服务价格调整的批复",
        "{y}年平罗县食品安全抽检结果",
        "平罗县{y}年城乡居民医保定点医疗机构名单",
        "本人母亲在县医院的医疗纠纷调查处理意见书",
        "{y}年平罗县村卫生室建设项目招标文件及中标结果",
    ],
    "jy": [
        "{y}年平罗县义务教育阶段学校招生划片方案",
        "平罗县第三中学{y}年教学楼改造工程立项批复",
        "{y}年平罗县中小学教师招聘考试成绩及录用名单",
        "平罗县学前教育专项资金{y}年使用情况",
        "{y}年平罗县校车安全管理检查通报",
    ],
    "zr": [
        "平罗县城关镇北街片区{y}年国有土地上房屋征收决定及补偿方案",
        "黄渠桥镇集体土地征收的征地批复文件（{y}年）",
        "平罗县国土空间总体规划（2021—2035年）批复文件",
        "本人承包地所在地块{y}年土地利用现状图",
        "{y}年平罗县矿产资源开发利用方案审查意见",
        "平罗县{y}年建设用地供应计划",
    ],
    "gov": ["平罗县{y}年政府工作报告中重点项目的实施情况", "平罗县{y}年财政预算执行情况"],
}
ORGS = {
    "commercial_enterprise": ("宁夏平罗恒达建材有限公司", "91640221MA76XQ2B5K"),
    "research_institution": ("宁夏大学西部发展研究中心", "12640000455XXXX001"),
    "social_welfare_org": ("石嘴山市青少年发展基金会", "53640200MJ1234567X"),
    "legal_service_org": ("宁夏正信律师事务所", "31640000MD0123456P"),
    "other_org": ("平罗县城关镇北街社区居民委员会", "55640221MEA123456Q"),
}
CHANNEL_MIX = (
    ["in_person"] * 4 + ["post"] * 3 + ["online"] * 5 + ["ordinary_letter", "fax", "email"]
)

REPLIES = [k for k in disposition_keys("2021") if not k.startswith("other.")] + ["other.other"]
# Scenarios: the workflow steps (action, working days after the previous step, extra).
SCENARIOS = {
    "reply": [("start", 1), ("draft_reply", 9), ("review_reply", 1), ("send_reply", 1)],
    "correction": [
        ("start", 1),
        ("request_correction", 3),
        ("receive_correction", 6),
        ("draft_reply", 8),
        ("review_reply", 1),
        ("send_reply", 1),
    ],
    "no_correction": [("start", 1), ("request_correction", 4), ("end_no_correction", 17)],
    "consultation": [
        ("start", 1),
        ("send_consultation", 3),
        ("record_answer", 10),
        ("draft_reply", 5),
        ("review_reply", 1),
        ("send_reply", 1),
    ],
    "fee": [
        ("start", 1),
        ("send_fee_notice", 4),
        ("record_payment", 5),
        ("draft_reply", 4),
        ("review_reply", 1),
        ("send_reply", 1),
    ],
    "fee_unpaid": [("start", 1), ("send_fee_notice", 4), ("end_fee_unpaid", 21)],
    "extension": [
        ("start", 1),
        ("approve_extension", 17),
        ("draft_reply", 15),
        ("review_reply", 1),
        ("send_reply", 1),
    ],
    "withdraw": [("start", 1), ("withdraw", 5)],
    "stuck": [("start", 1)],  # left open: overdue or due soon, for the queue's colours
}
NOTES = {
    "request_correction": "申请内容不明确，请补正所需信息的名称、文号或者时间范围。",
    "send_consultation": "申请公开的信息涉及第三方合法权益，依据第三十二条书面征求第三方意见。",
    "approve_extension": "需调取档案核实，经负责人批准延长答复期限20个工作日。",
    "withdraw": "申请人书面申请撤回。",
    "draft_reply": "经审查，依据《中华人民共和国政府信息公开条例》相关规定作出答复。",
}


# The newest requests stop part-way, so that every open state is on show.
TAIL = [
    ("reply", 0, True),  # online, not yet confirmed
    ("reply", 0, False),  # registered
    ("stuck", 1, False),  # in progress, overdue
    ("correction", 2, False),
    ("correction", 3, False),
    ("consultation", 2, False),
    ("consultation", 3, False),
    ("fee", 2, False),
    ("fee", 3, False),
    ("extension", 2, False),
    ("reply", 2, False),
    ("reply", 3, False),
]
TAIL_AGES = [1, 3, 34, 12, 18, 8, 19, 9, 13, 25, 16, 17]  # working days before today


def _user(agency: Agency, prefix: str, role: str, label: str, flags: dict) -> tuple[User, bool]:
    username = f"{prefix}_{role}"
    user = User.objects.filter(username=username).first()
    if user:
        return user, False
    user = User(username=username, agency=agency, full_name=f"{agency.name[3:]}{label}", **flags)
    user.email = f"{username}@pingluo.example.gov.cn"
    user.set_password(PASSWORD)
    user.save()
    return user, True


def letter_settings(name: str, kind: str) -> dict:
    """What the letters need from an agency, set once (fee payment, remedies, contact)."""
    return {
        "payment_instructions": (
            "转账至平罗县财政局非税收入专户（开户行：中国银行平罗县支行），"
            "附言注明申请编号；或到本机关政务公开查阅点现场缴纳"
        ),
        "review_agency": "石嘴山市人民政府" if kind == "government" else "平罗县人民政府",
        "court": "石嘴山市大武口区人民法院" if kind == "government" else "平罗县人民法院",
        "contact_person": f"{name[3:]}政务公开办",
        "contact_phone": "0952-6012300",
    }


def ensure_agencies_and_users() -> tuple[list[Agency], list[tuple[str, str, str]]]:
    name, code, kind, fmt, prefix = COUNTY
    county, _ = Agency.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "kind": kind,
            "tracking_format": fmt,
            **letter_settings(name, kind),
        },
    )
    accounts = []
    sup, _ = _user(county, prefix, "supervisor", "政务公开办", {"is_supervisor": True})
    accounts.append((sup.username, county.name, "政务公开办（监督）"))
    agencies = []
    for name, code, kind, fmt, prefix in [COUNTY, *DEPARTMENTS]:
        agency, _ = Agency.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "tracking_format": fmt,
                "parent": None if kind == "government" else county,
                **letter_settings(name, kind),
            },
        )
        agencies.append(agency)
        for role, label, flags in ROLES:
            user, _ = _user(agency, prefix, role, label, flags)
            accounts.append((user.username, agency.name, label))
    if not User.objects.filter(username="sysadmin").exists():
        User.objects.create_superuser("sysadmin", "sysadmin@pingluo.example.gov.cn", PASSWORD)
    accounts.append(("sysadmin", "—", "系统管理员（Django 管理后台）"))
    return agencies, accounts


def _applicant(rng: random.Random, kind: str, topic: str) -> dict:
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    fields = {
        "applicant_type": kind,
        "applicant_name": name,
        "phone": f"139{rng.randrange(10**8):08d}",
        "address": f"宁夏回族自治区石嘴山市平罗县城关镇{rng.choice(['北街', '南大街', '鼓楼路', '新民街'])}{rng.randrange(1, 200)}号",
        "description": topic,
        "delivery_form": rng.choice(["paper", "electronic"]),
        "delivery_method": rng.choice(["post", "email", "pick_up"]),
    }
    if kind == "natural_person":
        fields["id_type"] = "resident_id"
        fields["id_number"] = _id_number(rng)
    else:
        org, code = ORGS[kind]
        fields.update(organisation=org, credit_code=code, contact_person=name, applicant_name=org)
    return fields


def _id_number(rng: random.Random) -> str:
    body = f"640221{rng.randrange(1950, 2002)}{rng.randrange(1, 13):02d}{rng.randrange(1, 28):02d}{rng.randrange(1000):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def _staff(agency: Agency) -> dict[str, User]:
    users = {u.username.split("_", 1)[1]: u for u in User.objects.filter(agency=agency)}
    return users


def _scenario_list(n: int) -> list[str]:
    base = (["reply"] * 10) + ["correction"] * 3 + ["consultation"] * 2 + ["fee"] * 2
    base += ["extension"] * 2 + ["no_correction", "fee_unpaid", "withdraw"]
    return [base[i % len(base)] for i in range(n)]


@transaction.atomic
def load_requests(agency: Agency, today: date, per_year: int = 24, tick=None) -> int:
    """About two years of requests for `agency` (nothing if it already has some)."""
    if Request.objects.filter(agency=agency).exists():
        return 0
    rng = random.Random(agency.code)
    cal = clockwork.calendar()
    staff = _staff(agency)
    prefix = agency.code.split("-")[-1] if agency.kind == "department" else "gov"
    topics = TOPICS.get(prefix, TOPICS["gov"])
    start = date(today.year - 1, 1, 4)
    span = (today - start).days
    count = per_year * 2 if agency.kind == "department" else 4
    scenarios = _scenario_list(count)
    rng.shuffle(scenarios)
    reply_index = rng.randrange(len(REPLIES))
    made = 0
    tail = TAIL if agency.kind == "department" else []
    for i in range(count + len(tail)):
        if i < count:
            scenario, stop, force_online = scenarios[i], None, False
            received = start + timedelta(days=span * i // (count + 2))
        else:
            scenario, stop, force_online = tail[i - count]
            received = today
            for _ in range(TAIL_AGES[i - count]):
                received = _previous(cal, received)
        while not cal.is_working_day(received):
            received = cal.add_working_days(received, 1)
        if received > today or (i < count and cal.working_days_between(received, today) < 40):
            continue
        kind = "natural_person" if rng.random() < 0.7 else rng.choice(list(ORGS))
        topic = rng.choice(topics).format(y=received.year - 1)
        channel = "online" if force_online else rng.choice(CHANNEL_MIX)
        if stop is not None and not force_online and channel == "online":
            channel = "in_person"
        fields = _applicant(rng, kind, topic)
        submitted = datetime.combine(received, time(9 + i % 8, 15), tzinfo=TZ)
        online = channel == "online"
        req, _code = services.register(
            agency,
            fields,
            channel=channel,
            submitted_at=submitted,
            received_on=None if online else received,
            today=received,
            by=None if online else staff["handler"],
            actor_label="申请人（网上提交）" if online else "",
        )
        made += 1
        if tick:
            tick()
        if force_online:
            continue
        if online:
            day = cal.add_working_days(received, 1)
            if day > today:
                continue
            services.perform(req, "confirm", staff["handler"], services.Step(on=day), today=day)
        else:
            day = received
        disposition = REPLIES[reply_index % len(REPLIES)]
        steps = SCENARIOS[scenario] if stop is None else SCENARIOS[scenario][:stop]
        for action, gap in steps:
            day = cal.add_working_days(day, gap)
            if day > today:
                break
            actor = {"approve_extension": "head", "review_reply": "reviewer"}.get(action, "handler")
            step = services.Step(on=day, note=NOTES.get(action, ""))
            if action == "draft_reply":
                step.disposition = _demo_disposition(disposition, scenario, agency, req, step)
                reply_index += 1
            if action == "send_consultation":
                step.third_party = "宁夏平罗恒达建材有限公司"
            if action == "send_fee_notice":
                step.fee_method, step.fee_quantity = "per_pages", rng.choice([45, 60, 80])
            services.perform(req, action, staff[actor], step, today=day)
        services.recompute(Request.objects.get(pk=req.pk), today)
    return made


def _demo_disposition(disposition: str, scenario: str, agency, req, step) -> str:
    """The disposition with the facts its letter states (the law refuses it without them)."""
    if disposition == "unable.still_unclear" and scenario != "correction":
        return "unable.needs_creation"  # needs a correction received first (第三十条)
    if disposition == "unable.not_held":
        step.responsible_agency = "平罗县市场监督管理局"
        step.responsible_agency_contact = "0952-6012345"
    if disposition == "not_handled.repeated":
        earlier = (
            Request.objects.filter(agency=agency, state="replied", closed_on__lt=step.on)
            .exclude(pk=req.pk)
            .order_by("-closed_on")
            .first()
        )
        if earlier is None:
            return "granted"
        step.earlier_request = earlier.tracking_number
    return disposition


def _previous(cal, d: date) -> date:
    d -= timedelta(days=1)
    while not cal.is_working_day(d):
        d -= timedelta(days=1)
    return d


def load(today: date, echo=print, per_year: int = 24, progress=None) -> list[tuple[str, str, str]]:
    """`progress(agency_name, total)` returns a per-request callback (a progress bar)."""
    agencies, accounts = ensure_agencies_and_users()
    for agency in agencies:
        expected = per_year * 2 + len(TAIL) if agency.kind == "department" else 4
        tick = progress(agency.name, expected) if progress else None
        made = load_requests(agency, today, per_year, tick)
        if made:
            echo(f"{agency.name}：载入{made}件依申请公开申请")
    for name in ("ledger", "appeals", "engagement", "annual_reports"):
        module_name = f"gongkai.web.{name}.demo"
        try:
            if importlib.util.find_spec(module_name) is None:
                continue
        except ModuleNotFoundError:  # the app itself is not there yet
            continue
        module = importlib.import_module(module_name)
        if hasattr(module, "load"):
            module.load(today)
            echo(f"已载入 {module_name}")
    # Re-date every open request against the demo's today (the polled column).
    for req in Request.objects.exclude(state__in=["replied", "withdrawn", "ended"]):
        services.recompute(req, today)
    return accounts

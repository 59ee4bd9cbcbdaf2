"""Demo data for 政民互动 and 政策解读: for each department, a year of 12345 hotline tickets,
leaders' mailbox letters, online consultations and comment-board messages (most answered in
time and rated, a few late, a few still open), interpretations of the ledger's published
policies (one late), an open day and training sessions; the current year up to `today`.

`load(today)` is idempotent: a department with messages is left alone. Run after the
ledger's demo (interpretations link to its published items).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction

from gongkai.appraisal.engagement import CHANNELS
from gongkai.web.accounts.models import Agency
from gongkai.web.engagement.importing import ticket_key
from gongkai.web.engagement.models import Activity, Interpretation, Message
from gongkai.web.engagement.queries import calendar

TOPICS = {
    "wj": [
        "反映乡镇卫生院夜间无人值班",
        "咨询城乡居民医保门诊报销比例",
        "咨询新生儿出生医学证明办理流程",
        "反映药店销售处方药不要求处方",
        "咨询两癌免费筛查的时间和地点",
        "建议县医院增加儿科夜间门诊",
    ],
    "jy": [
        "咨询义务教育阶段学校招生划片范围",
        "反映学校周边交通拥堵存在安全隐患",
        "咨询教师资格证认定时间",
        "反映校外培训机构收费不退",
        "建议增加课后延时服务时长",
    ],
    "zr": [
        "反映农村宅基地审批进度缓慢",
        "咨询不动产登记所需材料",
        "反映城关镇北街片区征收补偿款未到位",
        "咨询国土空间规划公示地点",
        "反映黄渠桥镇有人非法占用耕地",
    ],
}
# Per year and department: hotline, secretary, head, consultation, message board.
VOLUME = {
    "hotline": 40,
    "secretary_mailbox": 2,
    "head_mailbox": 3,
    "consultation": 8,
    "message_board": 10,
}
ACTIVITIES = [
    (
        "open_day",
        "政府开放日",
        9,
        22,
        24,
        "邀请群众代表、企业代表、媒体记者、社区工作代表走进本单位，实地了解政务公开工作。",
    ),
    (
        "training",
        "政务公开业务培训",
        4,
        16,
        35,
        "学习《中华人民共和国政府信息公开条例》和年度报告格式要求。",
    ),
    (
        "training",
        "依申请公开答复规范培训",
        10,
        28,
        28,
        "讲解答复时限、补正、征求意见和答复文书的规范。",
    ),
]
FORMS = ("graphic", "text", "graphic", "video", "text")


def _prefix(agency: Agency) -> str:
    return agency.code.split("-")[-1]


def _messages(agency: Agency, year: int, today: date, rng: random.Random) -> int:
    cal = calendar()
    topics = TOPICS.get(_prefix(agency), TOPICS["wj"])
    share = 1.0 if year < today.year else today.timetuple().tm_yday / 365
    made = 0
    for channel, volume in VOLUME.items():
        limit = CHANNELS[channel].limit_days
        for n in range(1, max(1, round(volume * share)) + 1):
            received = date(year, 1, 2) + timedelta(days=rng.randrange(364))
            if received >= today:
                continue
            roll = rng.random()
            if roll < 0.06 and (today - received).days < 40:
                answered = None  # still open (some past the limit)
            else:
                extra = rng.randrange(2, limit + 8) if roll < 0.1 else rng.randrange(1, limit + 1)
                answered = cal.add_working_days(received, extra)
                if answered >= today:
                    answered = None
            rating = (
                ""
                if answered is None or rng.random() < 0.2
                else rng.choice(["satisfied"] * 8 + ["basically_satisfied"] * 2 + ["dissatisfied"])
            )
            prefix = {
                "hotline": "NX",
                "secretary_mailbox": "SJ",
                "head_mailbox": "XZ",
                "consultation": "ZX",
                "message_board": "LY",
            }.get(channel, "QT")
            ticket = f"{prefix}{year}{_prefix(agency).upper()}{n:04d}"
            Message.objects.create(
                agency=agency,
                channel=channel,
                ticket_number=ticket,
                received_on=received,
                topic=rng.choice(topics),
                answered_on=answered,
                limit_days=limit,
                satisfaction=rating,
                import_key=ticket_key(channel, ticket),
            )
            made += 1
    return made


def _interpretations(agency: Agency, year: int, today: date, rng: random.Random) -> None:
    from gongkai.web.ledger.models import Item

    cal = calendar()
    policies = list(
        Item.objects.filter(agency=agency, state="published", published_on__year=year)
        .exclude(title__startswith="一图读懂")
        .order_by("published_on")[:5]
    )
    for n, policy in enumerate(policies):
        delay = 6 if n == 3 else rng.randrange(0, 3)  # one interpretation published late
        published = (
            cal.add_working_days(policy.published_on, delay) if delay else policy.published_on
        )
        if published >= today:
            continue
        form = FORMS[n % len(FORMS)]
        title = (
            ("一图读懂｜" if form == "graphic" else "《")
            + policy.title[:80]
            + ("" if form == "graphic" else "》政策解读")
        )
        Interpretation.objects.create(
            agency=agency,
            title=title,
            policy=policy,
            form=form,
            channel="portal" if n % 2 == 0 else "wechat",
            published_on=published,
        )


def _activities(agency: Agency, year: int, today: date) -> None:
    for kind, title, month, day, people, note in ACTIVITIES:
        held = date(year, month, day)
        if held < today:
            Activity.objects.create(
                agency=agency, kind=kind, title=title, held_on=held, participants=people, note=note
            )


@transaction.atomic
def load(today: date) -> None:
    for agency in Agency.objects.filter(kind="department").order_by("id"):
        if Message.objects.filter(agency=agency).exists():
            continue
        rng = random.Random(f"engagement-{agency.code}")
        for year in (today.year - 1, today.year):
            _messages(agency, year, today, rng)
            _interpretations(agency, year, today, rng)
            _activities(agency, year, today)

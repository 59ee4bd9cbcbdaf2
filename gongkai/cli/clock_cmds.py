"""`gongkai deadline` and `gongkai fee`: the statutory clock and processing fees."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer
from typer import _click as click
from typer.core import TyperCommand

from gongkai.cli.errors import fail
from gongkai.clock import (
    CHANNEL_LABELS,
    ClockEvent,
    WorkCalendar,
    YearSchedule,
    load_schedule,
    run_clock,
)
from gongkai.clock.calendar import cn_date
from gongkai.clock.fees import FeeQuote, quote_per_pages, quote_per_request

# Every way to name a channel on the command line: the official label (邮寄), the short
# words of the glossary (当面, 网络) and the code names (post, in-person).
_CHANNEL_NAMES = {
    **{key: key for key in CHANNEL_LABELS},
    **{label: key for key, label in CHANNEL_LABELS.items()},
    "in-person": "in_person",
    "当面": "in_person",
    "网络": "online",
    "网上": "online",
}
_CHANNEL_HELP = (
    "申请渠道：" + "、".join(CHANNEL_LABELS.values()) + "（也可写 in-person post letter online"
    " fax email）"
)


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise fail(f"{option} 的日期“{text}”无法识别，应写作 2024-03-04") from None


class _TwoDateConsultations(TyperCommand):
    """`--consultation SENT ANSWERED` takes two values, as many times as given.

    Typer cannot declare a repeatable option of two values, so the two are joined into one
    (“SENT ANSWERED”) before parsing; a word after them is then an error, not a stray answer.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _pair_consultations(args))


def _pair_consultations(args: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(args):
        word = args[i]
        out.append(word)
        if word == "--consultation" and i + 2 < len(args) and not args[i + 2].startswith("--"):
            out.append(f"{args[i + 1]} {args[i + 2]}")
            i += 3
            continue
        i += 1
    return out


def _calendar(files: list[str]) -> WorkCalendar:
    overrides: dict[int, YearSchedule] = {}
    for path in files:
        schedule = load_schedule(path)
        overrides[schedule.year] = schedule
    return WorkCalendar(overrides=overrides)


def deadline(
    received: Annotated[
        str, typer.Option("--received", metavar="日期", help="收到申请之日（YYYY-MM-DD）")
    ],
    channel: Annotated[str, typer.Option(metavar="渠道", help=_CHANNEL_HELP)] = "当面提交",
    correction_requested: Annotated[
        str | None, typer.Option(metavar="日期", help="发出补正通知之日（可选）")
    ] = None,
    correction_until: Annotated[
        str | None, typer.Option(metavar="日期", help="补正通知载明的补正期限（可选）")
    ] = None,
    correction_received: Annotated[
        str | None,
        typer.Option(metavar="日期", help="收到补正后的申请之日，答复期限自该日重新起算"),
    ] = None,
    consultation: Annotated[
        list[str] | None,
        typer.Option(
            metavar="发函日 答复日",
            help="征求意见：发函之日 答复之日（尚未答复写 -）；可多次使用",
        ),
    ] = None,
    extended: Annotated[bool, typer.Option("--extended", help="已延长答复期限20个工作日")] = False,
    extended_on: Annotated[
        str | None, typer.Option(metavar="日期", help="作出延期决定之日（可选）")
    ] = None,
    fee_notice: Annotated[
        str | None, typer.Option(metavar="日期", help="发出收费通知之日（可选）")
    ] = None,
    fee_paid: Annotated[
        str | None, typer.Option(metavar="日期", help="申请人缴费之日（可选）")
    ] = None,
    holidays: Annotated[
        list[str] | None, typer.Option(metavar="文件", help="节假日安排文件（TOML），可多次使用")
    ] = None,
    today: Annotated[
        str | None, typer.Option(metavar="日期", help="计算剩余工作日所依据的日期")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """计算依申请公开的答复期限（条例第三十至三十三条）。"""
    if channel not in _CHANNEL_NAMES:
        raise fail(f"无法识别的申请渠道“{channel}”，可选：{'、'.join(CHANNEL_LABELS.values())}")
    got = _day(received, "--received")
    events = [ClockEvent("received", got, channel=_CHANNEL_NAMES[channel])]
    try:
        if correction_requested:
            until = _day(correction_until, "--correction-until") if correction_until else None
            events.append(
                ClockEvent(
                    "correction_requested",
                    _day(correction_requested, "--correction-requested"),
                    until=until,
                )
            )
        elif correction_until:
            raise fail("--correction-until 须与 --correction-requested 一起使用")
        if correction_received:
            events.append(
                ClockEvent(
                    "correction_received", _day(correction_received, "--correction-received")
                )
            )
        for pair in consultation or []:
            sent, _, answered = pair.partition(" ")
            if not answered:
                raise fail("每个 --consultation 需要两个日期：发函之日 答复之日（尚未答复写 -）")
            events.append(ClockEvent("consultation_sent", _day(sent, "--consultation")))
            if answered != "-":
                events.append(ClockEvent("consultation_answered", _day(answered, "--consultation")))
        if extended or extended_on:
            on = _day(extended_on, "--extended-on") if extended_on else got
            events.append(ClockEvent("extended", on))
        if fee_notice:
            events.append(ClockEvent("fee_notice_sent", _day(fee_notice, "--fee-notice")))
        if fee_paid:
            events.append(ClockEvent("fee_paid", _day(fee_paid, "--fee-paid")))
        as_of = _day(today, "--today") if today else None
        cal = _calendar(holidays or [])
        state = run_clock(events, cal, today=as_of)
    except ValueError as exc:
        raise fail(str(exc)) from None
    if as_json:
        out = state.to_json()
        out["channel"] = _CHANNEL_NAMES[channel]
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    tentative = "（暂定）" if state.provisional else ""
    if state.due:
        typer.echo(f"答复期限：{cn_date(state.due)}{tentative}")
    elif state.ended_reason:
        typer.echo(f"办理结果：{state.ended_reason}")
    else:
        typer.echo(f"答复期限：尚未起算（{state.pause_reason}）")
    typer.echo(f"补正通知期限：{cn_date(state.correction_notice_due)}（收到申请之日起7个工作日内）")
    typer.echo(f"收到申请方式：{CHANNEL_LABELS[_CHANNEL_NAMES[channel]]}")
    if state.working_days_left is not None and as_of is not None:
        left = state.working_days_left
        typer.echo(f"剩余工作日：{left}" if left >= 0 else f"已逾期：{-left}个工作日")
    if state.paused:
        typer.echo(f"暂停计算：{state.pause_reason}")
    typer.echo(f"是否暂定：{'是' if state.provisional else '否'}")
    typer.echo("计算过程：")
    for i, step in enumerate(state.steps, 1):
        typer.echo(f"  {i}. {step}")
    for warning in state.warnings:
        typer.echo(f"注意：{warning}")


def fee(
    request_number: Annotated[
        int | None, typer.Option(metavar="件数", help="按件计收：本自然月内同一申请人的第几件申请")
    ] = None,
    pages: Annotated[int | None, typer.Option(metavar="页数", help="按量计收：提供的页数")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """计算信息处理费（国办函〔2020〕109号）：按件或按量，二者选一。"""
    if (request_number is None) == (pages is None):
        raise fail("请在 --request-number（按件计收）与 --pages（按量计收）中选择一种")
    try:
        quote: FeeQuote = (
            quote_per_request(request_number)
            if request_number is not None
            else quote_per_pages(pages or 0)
        )
    except ValueError as exc:
        raise fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(quote.to_json(), ensure_ascii=False, indent=2))
        return
    typer.echo(f"信息处理费：{quote.yuan}元")
    for step in quote.steps:
        typer.echo(f"  {step}")
    typer.echo("依据：《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）")


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.command(cls=_TwoDateConsultations)(deadline)
    app.command()(fee)

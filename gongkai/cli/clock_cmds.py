"""`gongkai deadline` and `gongkai fee`: the statutory clock and processing fees."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer

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

_CHANNEL_NAMES = {
    "in-person": "in_person",
    "in_person": "in_person",
    "post": "post",
    "letter": "letter",
    "online": "online",
    "fax": "fax",
    "email": "email",
}


def _fail(message: str) -> typer.Exit:
    typer.echo(f"错误：{message}", err=True)
    return typer.Exit(2)


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise _fail(f"{option} 的日期“{text}”无法识别，应写作 2024-03-04") from None


def _calendar(files: list[str]) -> WorkCalendar:
    overrides: dict[int, YearSchedule] = {}
    for path in files:
        schedule = load_schedule(path)
        overrides[schedule.year] = schedule
    return WorkCalendar(overrides=overrides)


def deadline(
    ctx: typer.Context,
    received: Annotated[
        str, typer.Option("--received", metavar="DATE", help="收到申请之日（YYYY-MM-DD）")
    ],
    channel: Annotated[
        str,
        typer.Option(
            metavar="CHANNEL", help="申请渠道：in-person、post、letter、online、fax、email"
        ),
    ] = "in-person",
    correction_requested: Annotated[
        str | None, typer.Option(metavar="DATE", help="发出补正通知之日（可选）")
    ] = None,
    correction_until: Annotated[
        str | None, typer.Option(metavar="DATE", help="补正通知载明的补正期限（可选）")
    ] = None,
    correction_received: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="收到补正后的申请之日，答复期限自该日重新起算"),
    ] = None,
    consultation: Annotated[
        list[str] | None,
        typer.Option(
            metavar="SENT ANSWERED",
            help="征求意见：发函之日 答复之日（尚未答复写 -）；可多次使用",
        ),
    ] = None,
    extended: Annotated[bool, typer.Option("--extended", help="已延长答复期限20个工作日")] = False,
    extended_on: Annotated[
        str | None, typer.Option(metavar="DATE", help="作出延期决定之日（可选）")
    ] = None,
    fee_notice: Annotated[
        str | None, typer.Option(metavar="DATE", help="发出收费通知之日（可选）")
    ] = None,
    fee_paid: Annotated[
        str | None, typer.Option(metavar="DATE", help="申请人缴费之日（可选）")
    ] = None,
    holidays: Annotated[
        list[str] | None, typer.Option(metavar="FILE", help="节假日安排文件（TOML），可多次使用")
    ] = None,
    today: Annotated[
        str | None, typer.Option(metavar="DATE", help="计算剩余工作日所依据的日期")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """计算依申请公开的答复期限（条例第三十至三十三条）。"""
    if channel not in _CHANNEL_NAMES:
        raise _fail(
            f"无法识别的申请渠道“{channel}”，可选：in-person、post、letter、online、fax、email"
        )
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
            raise _fail("--correction-until 须与 --correction-requested 一起使用")
        if correction_received:
            events.append(
                ClockEvent(
                    "correction_received", _day(correction_received, "--correction-received")
                )
            )
        sent_days = consultation or []
        answers = list(ctx.args)
        if len(answers) != len(sent_days):
            raise _fail("每个 --consultation 需要两个日期：发函之日 答复之日（尚未答复写 -）")
        for sent, answered in zip(sent_days, answers, strict=True):
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
        raise _fail(str(exc)) from None
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
        int | None, typer.Option(metavar="N", help="按件计收：本自然月内同一申请人的第几件申请")
    ] = None,
    pages: Annotated[int | None, typer.Option(metavar="N", help="按量计收：提供的页数")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """计算信息处理费（国办函〔2020〕109号）：按件或按量，二者选一。"""
    if (request_number is None) == (pages is None):
        raise _fail("请在 --request-number（按件计收）与 --pages（按量计收）中选择一种")
    try:
        quote: FeeQuote = (
            quote_per_request(request_number)
            if request_number is not None
            else quote_per_pages(pages or 0)
        )
    except ValueError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(quote.to_json(), ensure_ascii=False, indent=2))
        return
    typer.echo(f"信息处理费：{quote.yuan}元")
    for step in quote.steps:
        typer.echo(f"  {step}")
    typer.echo("依据：《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）")


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.command(context_settings={"allow_extra_args": True})(deadline)
    app.command()(fee)

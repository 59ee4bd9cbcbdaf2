"""Refusing zip-based uploads (XLSX, DOCX) that are too large, before anything parses them.

Every size in a zip is declared by its sender; Python's zipfile never inflates a member
past its declared size (it fails on the CRC when the data goes on), so checking the
declared sizes bounds all later reading. XML with a DOCTYPE or an ENTITY is refused (no
Office file needs one; entity expansion is the oldest XML bomb). `count_elements` counts
the elements of one XML part in a streaming pass with a ceiling, so a DOCX with a million
paragraphs is refused without building a document tree.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass


class ArchiveError(ValueError):
    """The upload is refused as a whole; the message is Chinese, for the user."""


@dataclass(frozen=True)
class ArchiveLimits:
    max_file_bytes: int = 10 * 1024 * 1024
    max_members: int = 200
    max_member_bytes: int = 64 * 1024 * 1024  # unpacked, any one part
    max_total_bytes: int = 128 * 1024 * 1024  # unpacked, all parts together

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if not isinstance(value, int) or value <= 0:
                raise ValueError(f"{name} must be a positive integer, not {value!r}")


def size_label(n: int) -> str:
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if n % size == 0 or value >= 10 else f"{value:.1f} {unit}"
    return f"{n} 字节"


def open_archive(data: bytes, limits: ArchiveLimits, what: str) -> zipfile.ZipFile:
    """The zip, once its file size, members and declared sizes are within `limits`.
    `what` names the file in the messages ("XLSX 文件", "DOCX 模板")."""
    if len(data) > limits.max_file_bytes:
        raise ArchiveError(
            f"{what}大小为 {size_label(len(data))}，超过上限 {size_label(limits.max_file_bytes)}"
        )
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ArchiveError(f"无法读取该 {what}，请确认文件未损坏且格式正确") from exc
    try:
        check_members(book, limits, what)
    except ArchiveError:
        book.close()
        raise
    return book


def check_members(book: zipfile.ZipFile, limits: ArchiveLimits, what: str) -> None:
    infos = book.infolist()
    if len(infos) > limits.max_members:
        raise ArchiveError(f"{what}内含 {len(infos)} 个部件，超过上限 {limits.max_members} 个")
    total = 0
    for info in infos:
        if info.file_size > limits.max_member_bytes:
            raise ArchiveError(
                f"{what}的部件 {info.filename} 解压后为 {size_label(info.file_size)}，"
                f"超过上限 {size_label(limits.max_member_bytes)}"
            )
        total += info.file_size
    if total > limits.max_total_bytes:
        raise ArchiveError(
            f"{what}解压后共 {size_label(total)}，超过上限 {size_label(limits.max_total_bytes)}"
        )
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            with book.open(info) as part:
                head = part.read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ArchiveError(f"{what}含有不允许的 XML 声明（DOCTYPE/ENTITY）")


def count_elements(book: zipfile.ZipFile, member: str, local_name: str, ceiling: int) -> int:
    """How many elements named `local_name` (under any namespace prefix: "p" counts <w:p>
    and <p>) the part holds, counted while streaming; stops past `ceiling` (the caller
    refuses then)."""
    pattern = re.compile(rb"<(?:[\w.-]{1,32}:)?" + re.escape(local_name.encode()) + rb"[\s/>]")
    keep = len(local_name) + 35  # the longest match: a match starting before len - keep is whole
    count = 0
    buf = b""
    with book.open(member) as part:
        while chunk := part.read(1 << 16):
            buf += chunk
            cut = max(0, len(buf) - keep)
            count += sum(1 for m in pattern.finditer(buf) if m.start() < cut)
            if count > ceiling:
                return count
            buf = buf[cut:]
    return count + len(pattern.findall(buf))

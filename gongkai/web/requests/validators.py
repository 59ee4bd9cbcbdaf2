"""Checks of what applicants type: ID numbers, phones, credit codes, attachments."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
MAX_ATTACHMENT = 10 * 1024 * 1024
ATTACHMENT_TYPES = {
    "pdf": (b"%PDF",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "docx": (b"PK\x03\x04",),
}


def id_number_problem(value: str) -> str | None:
    """The problem with an 18-digit resident ID number (GB 11643-1999), or None."""
    v = value.strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", v):
        return "居民身份证号码应为18位，前17位为数字，最后一位为数字或X。"
    try:
        date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return "居民身份证号码中的出生日期无效，请核对。"
    total = sum(int(c) * w for c, w in zip(v[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != v[17]:
        return "居民身份证号码校验位不正确，请核对后重新填写。"
    return None


def validate_phone(value: str) -> str:
    v = re.sub(r"[\s()（）]", "", value)
    if re.fullmatch(r"1[3-9]\d{9}", v) or re.fullmatch(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?", v):
        return v
    raise ValidationError(
        "联系电话格式不正确：手机号码为11位（如13912345678），固定电话请加区号（如0952-1234567）。"
    )


_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_problem(value: str) -> str | None:
    """The problem with a 统一社会信用代码 (GB 32100-2015), or None."""
    v = value.strip().upper()
    if len(v) != 18 or any(c not in _CREDIT_CHARS for c in v):
        return "统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）。"
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(v[:17], _CREDIT_WEIGHTS, strict=True))
    check = _CREDIT_CHARS[(31 - total % 31) % 31]
    if check != v[17]:
        return "统一社会信用代码校验位不正确，请核对后重新填写。"
    return None


def attachment_type(upload) -> str:
    """The checked type (pdf/jpg/png/docx) of an uploaded file; ValidationError otherwise."""
    name = upload.name or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ATTACHMENT_TYPES:
        raise ValidationError(f"附件“{name}”的格式不支持，请上传 PDF、JPG、PNG 或 DOCX 文件。")
    if upload.size > MAX_ATTACHMENT:
        raise ValidationError(f"附件“{name}”超过10MB，请压缩后重新上传。")
    if upload.size == 0:
        raise ValidationError(f"附件“{name}”是空文件。")
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in ATTACHMENT_TYPES[ext]):
        raise ValidationError(f"附件“{name}”的内容与扩展名不符，请上传真实的 {ext.upper()} 文件。")
    return "jpg" if ext == "jpeg" else ext

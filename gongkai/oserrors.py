"""Operating-system errors said in Chinese, never in Python's English strerror.

os_error_message(exc)   # "文件或文件夹不存在：/x.csv"
os_error_reason(exc)    # "文件或文件夹不存在" (for a message that names the file itself)
"""

from __future__ import annotations

import errno

_ERRNO = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一项不是文件夹",
    errno.EEXIST: "已经存在",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统只读",
    errno.ECONNREFUSED: "连接被拒绝",
    errno.ETIMEDOUT: "连接超时",
    errno.EHOSTUNREACH: "无法连接到主机",
    errno.ENETUNREACH: "网络不可达",
}


def os_error_message(exc: OSError) -> str:
    """A Chinese sentence for an operating-system error (never Python's English strerror)."""
    what = os_error_reason(exc)
    names = [str(n) for n in (exc.filename, exc.filename2) if n is not None]
    return f"{what}：{' → '.join(names)}" if names else what


def os_error_reason(exc: OSError) -> str:
    """The reason alone (文件或文件夹不存在, 没有权限 …), for a message that names the file."""
    what = _ERRNO.get(exc.errno or 0)
    if what is None and isinstance(exc, TimeoutError):
        what = "连接超时"
    if what is None:
        what = f"操作系统错误（错误号 {exc.errno}）" if exc.errno else "操作系统错误"
    return what

"""Bylines: the dateline ``本报讯（记者A 通讯员B）`` (电头), photo credits ``本报记者 X 摄``
(图片署名) and commentary author lines ``□高亢`` (评论署名).

Each function returns ``None`` when the text is not that kind of line, so the same
functions serve the line classifier and the name extraction.
"""

from __future__ import annotations

import enum
import re

from reader.domain import Byline

_CJK = r"\u3400-\u9fff"


class Role(enum.Enum):
    REPORTER = "reporter"
    CORRESPONDENT = "correspondent"
    PHOTOGRAPHER = "photographer"
    AUTHOR = "author"


# Longest first so that 本报记者 is not read as 本报 + 记者.
_ROLE_WORDS: tuple[tuple[str, Role], ...] = tuple(
    sorted(
        {
            "本报记者": Role.REPORTER,
            "特约记者": Role.REPORTER,
            "见习记者": Role.REPORTER,
            "实习记者": Role.REPORTER,
            "记者": Role.REPORTER,
            "本报通讯员": Role.CORRESPONDENT,
            "特约通讯员": Role.CORRESPONDENT,
            "通讯员": Role.CORRESPONDENT,
            "实习生": Role.CORRESPONDENT,
            "摄影记者": Role.PHOTOGRAPHER,
            "摄影": Role.PHOTOGRAPHER,
            "特约评论员": Role.AUTHOR,
            "本报评论员": Role.AUTHOR,
            "评论员": Role.AUTHOR,
        }.items(),
        key=lambda item: -len(item[0]),
    )
)
_ROLE_RE = re.compile("|".join(re.escape(word) for word, _ in _ROLE_WORDS))
_ROLE_OF = dict(_ROLE_WORDS)
_SEPARATORS = re.compile(r"[\s、，,；;/／]+")
_NAME = re.compile(rf"^[{_CJK}][{_CJK}·•]{{1,9}}$")

_DATELINE = re.compile(
    r"^本报[\u4e00-\u9fff]{0,6}?讯[^\S\n]*(?:[（(【\[][^（()）【】\[\]]{0,60}[）)】\]])?"
)
_CREDIT = re.compile(r"^(?:图[/／:：]\s*)?(?P<body>[^，。；！？,;!?]{1,30}?)\s*[/／]?\s*摄影?$")
_PICTURE_CREDIT = re.compile(r"^图[/／:：]\s*(?P<body>[^，。；！？,;!?]{1,30})$")
_AUTHOR = re.compile(r"^[□■◇◆▢☐]\s*(?P<body>[^，。；！？,;!?]{1,24})$")


def split_dateline(text: str) -> tuple[str, str] | None:
    """``(prefix, rest)`` for a line opening with ``本报讯``, the prefix kept verbatim."""
    match = _DATELINE.match(text)
    if match is None:
        return None
    return match.group(0).rstrip(), text[match.end() :].strip()


def dateline_credits(prefix: str) -> Byline:
    """Names inside the dateline's brackets; a name takes the last role word before it."""
    inner = re.search(r"[（(【\[](.*)[）)】\]]", prefix)
    if inner is None:
        return Byline()
    pairs = _role_names(inner.group(1), Role.REPORTER)
    return Byline(
        reporters=_names(pairs, Role.REPORTER, Role.AUTHOR),
        correspondents=_names(pairs, Role.CORRESPONDENT),
        photographers=_names(pairs, Role.PHOTOGRAPHER),
    )


def credit_names(text: str) -> tuple[str, ...] | None:
    """Photographers on a credit line (``本报记者 马雅宁 摄``, ``图/张三``), else None.

    Every token left after removing role words must look like a personal name, so a
    headline that happens to end in 摄 is not taken for a credit.
    """
    match = _CREDIT.match(text) or _PICTURE_CREDIT.match(text)
    if match is None:
        return None
    pairs = _role_names(match["body"], Role.PHOTOGRAPHER)
    if not pairs or not all(_NAME.match(name) and len(name) <= 4 for _, name in pairs):
        return None
    return tuple(name for _, name in pairs)


def author_names(text: str) -> tuple[str, ...] | None:
    """Authors on a commentary author line (``□高亢``, ``□高 亢``), else None.

    Names set with padding spaces (``高 亢``, two characters spaced to the width of
    three) are closed up; otherwise spaces separate several authors.
    """
    match = _AUTHOR.match(text)
    if match is None:
        return None
    body = _ROLE_RE.sub(" ", match["body"])
    names: list[str] = []
    for piece in re.split(r"[、，,/／]+", body):
        parts = piece.split()
        if not parts:
            continue
        if any(len(part) == 1 for part in parts) and len("".join(parts)) <= 4:
            names.append("".join(parts))
        else:
            names.extend(parts)
    if not names or not all(_NAME.match(name) for name in names):
        return None
    return tuple(names)


def _role_names(body: str, default: Role) -> list[tuple[Role, str]]:
    role = default
    pairs: list[tuple[Role, str]] = []
    for token in _SEPARATORS.split(body):
        # A token may carry an organisation before the role word (焦作日报记者张三).
        while token:
            match = _ROLE_RE.search(token)
            if match is None:
                pairs.append((role, token))
                break
            role = _ROLE_OF[match.group(0)]
            token = token[match.end() :]
    return pairs


def _names(pairs: list[tuple[Role, str]], *roles: Role) -> tuple[str, ...]:
    return tuple(name for role, name in pairs if role in roles)

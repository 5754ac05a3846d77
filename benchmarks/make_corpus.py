"""Generate a deterministic large archive of issue files from the bundled seeds.

Every file looks like a seed issue (headline, blank line, ``本报讯（记者X）M月D日，…``
paragraphs, photo captions with ``本报记者 X 摄``, ``□作者`` commentaries, the WeChat
footer) so the real parser reads it. Sentences are recombined from the seeds; years
are rewritten to the issue's year; some rare made-up names are sprinkled in so rare
terms exist (``RARE_NAMES``, each in roughly 0.05% of articles).

    python benchmarks/make_corpus.py OUT_DIR [--articles 100000] [--seed 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
YEARS = (2000, 2024)
PER_ISSUE = 40
FOOTER = "扫一扫\n关注我们\n\n高新区头条\n微信公众号"
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "凯明根志雅宁丽玲昱润岩英杰沛卫红强华伟芳娜敏静秀兰霞平刚桂英"
RARE_SURNAMES = "鞠蔺璩邝阚逯冼"
RARE_GIVEN = "翃翀琤喆彧珝璟翾昶玙"
RARE_NAMES = [s + a + b for s in RARE_SURNAMES for a in RARE_GIVEN for b in RARE_GIVEN if a != b][
    :400
]
_DATELINE = re.compile(r"^本报讯（[^）]*）(?:\d{1,2}月\d{1,2}日(?:上午|下午|晚)?，)?")
_YEAR = re.compile(r"(?:19|20)\d\d年")


def _seed_material() -> tuple[list[str], list[str], list[str]]:
    headlines: list[str] = []
    sentences: list[str] = []
    captions: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines = [line.strip().lstrip("#").strip() for line in path.read_text("utf-8").splitlines()]
        lines = [line for line in lines if line]
        for i, line in enumerate(lines):
            if line.startswith("本报讯") and i > 0 and len(lines[i - 1]) <= 40:
                headlines.append(lines[i - 1])
            if line.endswith("摄") and i > 0:
                captions.append(lines[i - 1])
            body = _DATELINE.sub("", line)
            if len(body) < 20:
                continue
            sentences += [s + "。" for s in body.split("。") if len(s) >= 8]
    return sorted(set(headlines)), sorted(set(sentences)), sorted(set(captions))


def _name(rng: random.Random) -> str:
    return (
        rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    )


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.headlines, self.sentences, self.captions = _seed_material()
        self.reporters = [_name(self.rng) for _ in range(40)]

    def paragraph(self, year: int, sentences: int) -> str:
        rng = self.rng
        text = "".join(rng.choice(self.sentences) for _ in range(sentences))
        if rng.random() < 0.004:
            name = rng.choice(RARE_NAMES)
            cut = rng.randrange(len(text))
            text = text[:cut] + name + "同志" + text[cut:]
        return _YEAR.sub(f"{year}年", text)

    def article(self, day: dt.date) -> str:
        rng = self.rng
        kind = rng.random()
        reporter = rng.choice(self.reporters)
        if kind < 0.08:  # photo
            caption = f"{day.month}月{day.day}日，" + _YEAR.sub(
                f"{day.year}年", rng.choice(self.captions)
            )
            return f"{caption}\n\n本报记者 {reporter} 摄"
        headline = rng.choice(self.headlines)
        paragraphs = [self.paragraph(day.year, rng.randint(2, 4)) for _ in range(rng.randint(2, 4))]
        if kind < 0.13:  # commentary
            return "\n\n".join([headline, f"□{reporter}", *paragraphs])
        helper = f" 通讯员{_name(rng)}" if rng.random() < 0.3 else ""
        lead = f"本报讯（记者{reporter}{helper}）{day.month}月{day.day}日，{paragraphs[0]}"
        return "\n\n".join([headline, lead, *paragraphs[1:]])

    def issue(self, day: dt.date, count: int) -> str:
        opening = f"{day.year}年{day.month}月{day.day}日，本期导读。"
        articles = [self.article(day) for _ in range(count)]
        # The first article carries an explicit full date so the parser knows the year.
        first = articles[0].split("\n\n")
        first.insert(1 if len(first) > 1 else 0, opening)
        articles[0] = "\n\n".join(first)
        return "\n\n\n".join(["", *articles, FOOTER]) + "\n"


def make_corpus(out: Path, articles: int, seed: int = 5, per_issue: int = PER_ISSUE) -> int:
    """Write the archive under ``out``; returns the number of bytes of text written."""
    generator = Generator(seed)
    issues = max(1, -(-articles // per_issue))
    first = dt.date(YEARS[0], 1, 1).toordinal()
    span = dt.date(YEARS[1], 12, 31).toordinal() - first
    written = 0
    remaining = articles
    for number in range(issues):
        day = dt.date.fromordinal(first + span * number // issues)
        count = min(per_issue, remaining)
        remaining -= count
        folder = out / str(day.year)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{day.isoformat()}_{number:05d}.txt"
        data = generator.issue(day, count).encode("utf-8")
        path.write_bytes(data)
        stamp = time.mktime((day.year, day.month, day.day, 12, 0, 0, 0, 0, -1))
        os.utime(path, (stamp, stamp))
        written += len(data)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--per-issue", type=int, default=PER_ISSUE)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    size = make_corpus(args.out, args.articles, args.seed, args.per_issue)
    print(
        f"{args.articles} articles, {size / 1e6:.1f} MB in {args.out}"
        f" ({time.perf_counter() - started:.1f} s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Generate a news-like JSON Lines corpus of any size, deterministically, for benchmarks.

Articles are assembled from sentence templates we wrote, with places, actors and figures drawn from
short lists, so their length (about 350 words) and vocabulary look like conflict news without
copying anyone's text.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

PLACES = ["Mosul", "Raqqa", "Tal Afar", "Hit", "Fallujah", "Ramadi", "Baghdad", "Balad", "Tikrit",
          "Qayyarah", "Manbij", "Deir ez-Zor", "Kirkuk", "Erbil", "Haditha", "al-Qaim", "Hawija"]
ACTORS = ["Iraqi forces", "the US-led coalition", "Kurdish Peshmerga fighters", "the Syrian Democratic Forces",
          "Islamic State militants", "Iraqi counter-terrorism troops", "local police", "tribal fighters",
          "the Iraqi army", "US advisers", "Shiite militias", "Turkish-backed rebels"]
OUTLETS = ["Tigris Wire", "Levant Ledger", "Euphrates Times", "Desert Dispatch", "Northern Front Daily",
           "Gulf Monitor Weekly", "Anbar Courier", "Nineveh Post"]
TEMPLATES = [
    "{actor} said on {weekday} they had pushed into the outskirts of {place} after days of fighting.",
    "At least {n} people were killed and {m} wounded when a car bomb exploded near a market in {place}, officials said.",
    "A spokesman for {actor} said about {k} families had fled {place} in the past week.",
    "Coalition aircraft carried out {n} strikes near {place} on {weekday}, according to a statement.",
    "Residents of {place} described shortages of water and fuel as the siege entered its {ordinal} week.",
    "{actor} denied reports that they had withdrawn from positions north of {place}.",
    "Officials in {place} said reconstruction would cost more than ${n} million.",
    "The United Nations said more than {k} people had been displaced from {place} since the offensive began.",
    "{actor} and {actor2} met in {place} to discuss security arrangements after the battle.",
    "Commanders said the operation to retake {place} could take several more weeks.",
    "Aid agencies warned that {n},000 civilians remained trapped inside the old city of {place}.",
    "A local official, who asked not to be named, said {n} fighters had surrendered near {place}.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth"]


def _sentence(rng: random.Random) -> str:
    actor, actor2 = rng.sample(ACTORS, 2)
    return rng.choice(TEMPLATES).format(
        actor=actor[0].upper() + actor[1:], actor2=actor2, place=rng.choice(PLACES),
        weekday=rng.choice(WEEKDAYS), ordinal=rng.choice(ORDINALS),
        n=rng.randint(2, 90), m=rng.randint(2, 200), k=f"{rng.randint(1, 90) * 1000:,}")


def article(i: int, rng: random.Random) -> dict[str, str]:
    """One generated article: ~350 words in 4-6 paragraphs, a date in 2016-2017, an outlet, a URL."""
    day = date(2016, 1, 1) + timedelta(days=rng.randrange(730))
    outlet = rng.choice(OUTLETS)
    paragraphs = [" ".join(_sentence(rng) for _ in range(rng.randint(3, 5))) for _ in range(rng.randint(4, 6))]
    slug = outlet.lower().replace(" ", "")
    return {"url": f"https://{slug}.example/{day:%Y/%m/%d}/story-{i}", "title": _sentence(rng)[:90],
            "date": day.isoformat(), "outlet": outlet, "text": "\n\n".join(paragraphs)}


def generate(n: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """n articles, the same ones for the same seed."""
    rng = random.Random(seed)
    for i in range(n):
        yield article(i, rng)


def write(path: Path, n: int, seed: int = 7) -> Path:
    """Write n articles to path (JSON Lines) unless an identical file is already there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    marker = path.with_suffix(".done")
    if path.exists() and marker.exists() and marker.read_text() == f"{n} {seed}":
        return path
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in generate(n, seed))
    marker.write_text(f"{n} {seed}")
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("-o", "--output", type=Path, default=Path("benchmarks/data/corpus.jsonl"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(write(args.output, args.n, args.seed))

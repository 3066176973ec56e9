"""Align extracted items to the canonical catalog.

For every item, in this order:

1. **override**: a reviewer's decision for the item's id (:func:`govguide.core.ids.item_ids`),
   or its older key (:func:`item_key`), wins outright (``reviewed_none`` when the reviewer
   said it matches no catalog item);
2. **exact** / **alias**: the name, cleaned, is a canonical name; or, normalised
   (synonyms, noise words), it equals a normalised catalog wording;
3. **fuzzy**: the best entry by :mod:`normalizers.alignment.scoring` (all names of a batch
   scored at once), accepted only if it scores high enough *and* leads the runner-up clearly;
4. **content**: an item still in doubt whose materials and legal basis resemble those of
   items already aligned to one of its candidates (:mod:`normalizers.alignment.evidence`);
5. **none**: no candidate is good enough; the item keeps a null canonical id.

Anything not accepted outright goes to the review queue (``needs_review``) with its
candidates; a weak best candidate is shown there but not assigned. A name with a word that
turns a service into another (异地就医备案取消) is never matched to the service it names.

A batch is decided at once (:meth:`_Aligner.decide_all`): names that normalise alike (the
same service with other brackets, spaces or noise words) are scored and decided once.

One item may cover several catalog items: a generic wording (异地就医备案) maps to the
first member of its group and covers the rest; an entry may include another by definition
(生育医疗费 includes 计划生育医疗费); a material heading may name another item (出具参保凭证
inside a transfer item). Items its own document lists separately are never "covered".
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from govguide.core.ids import item_ids
from govguide.core.models import GuideItem, MatchMethod
from normalizers.alignment.catalog import Catalog, default_catalog
from normalizers.alignment.evidence import ContentFingerprint, best_similarity, without_common
from normalizers.alignment.overrides import Override, Overrides
from normalizers.alignment.record import ItemRecord, as_record
from normalizers.alignment.scoring import NameScores
from normalizers.alignment.tokenize import clean_name

REVIEW_WARNING_FIELD = "canonical_name"
REVIEW_WARNING_PREFIX = "needs review: "
# How the review reason of a name of several different services begins: such an item is
# not outside the catalog, a reviewer says which catalog items it provides.
SEVERAL_REASON = "names several catalog items: "
# Words that join two acts into one name of two services (登记与变更, 备案及结算).
_CONJUNCTIONS = ("与", "和", "及", "并", "或")
# How far behind a proposal the candidate holding the name's act may score and still be
# proposed instead (see _Aligner._act_decides).
_ACT_TIE = 10.0


@dataclass(frozen=True)
class Candidate:
    canonical_id: str
    canonical_name: str
    score: float


@dataclass(frozen=True)
class Match:
    """The alignment of one item.

    ``match_score`` (0–100) is the chosen entry's score, or the best candidate's when
    nothing was chosen; ``runner_up`` is the best entry not chosen (for an item left null,
    the best candidate). ``also_covers`` lists the other catalog ids the item covers.
    A match with ``needs_review`` may still propose a ``canonical_id``: it is not accepted
    until a reviewer confirms it (see :mod:`normalizers.alignment.overrides`).
    """

    canonical_id: str | None
    canonical_name: str | None
    match_score: float
    match_method: MatchMethod
    runner_up: Candidate | None
    also_covers: list[str]
    needs_review: bool
    review_reason: str | None
    catalog_version: str
    candidates: tuple[Candidate, ...] = ()  # best first; what a reviewer chooses from

    @property
    def accepted(self) -> bool:
        """Matched without needing review."""
        return self.canonical_id is not None and not self.needs_review

    @property
    def names_several(self) -> bool:
        """In review because the name names several different catalog items at once."""
        return names_several(self.review_reason if self.needs_review else None)


def names_several(review_reason: str | None) -> bool:
    """Whether a review reason says the name names several different catalog items."""
    return bool(review_reason) and review_reason.startswith(SEVERAL_REASON)


@dataclass(frozen=True)
class AlignSettings:
    """Thresholds on the 0–100 name score."""

    accept_score: float = 80.0  # accepted without review at or above (with the margin below)
    min_margin: float = 8.0  # lead over the runner-up needed to accept
    suggest_score: float = 60.0  # at or above: assigned, but queued for review
    review_floor: float = 45.0  # at or above: shown to a reviewer as a candidate, not assigned
    # A candidate is assigned only if the name (with its section) holds at least this share
    # of the candidate's weighted words: 未就业配偶医疗待遇核准支付 shares 待遇核准支付 with
    # 医疗救助对象待遇核准支付 but lacks what makes it that service.
    min_recall: float = 0.5
    umbrella_yield: float = 5.0  # a group's member within this of the group wording is meant
    content_min: float = 0.3  # content similarity (0–1) that counts as evidence
    content_margin: float = 0.15  # lead over the next candidate's similarity
    content_switch: float = 0.6  # similarity needed to prefer another candidate than the name's
    top_k: int = 3  # candidates kept for the review queue


def item_key(item: GuideItem | ItemRecord) -> str:
    """The key overrides were written with before item ids (province|region|file stem|name):
    still read, reported as stale (a renamed file no longer matches it)."""
    name = re.sub(r"\s+", "", item.item_name)
    stem = Path(item.source_file).stem
    return f"{item.province or ''}|{item.region or ''}|{stem}|{name}"


def _document_key(item: ItemRecord) -> tuple[str, str, str]:
    return (item.province or "", item.region or "", Path(item.source_file).stem)


@dataclass(frozen=True, slots=True)
class _ActDoubt:
    """Why what a name says is done keeps it from being accepted as its best entry; with
    ``own_act`` the name asks for that act of its own (查询, 变更) rather than the entry."""

    reason: str
    own_act: str | None = None
    several: bool = False  # the name joins two acts: two services, a person says which


# The word of stopping one's insurance (停保, 报停 … normalise to it): an item whose wordings
# hold it records the end of the insurance as well as its start.
STOPPED = "停保"


@dataclass(slots=True)
class _Decision:
    entry: int | None
    score: float
    method: MatchMethod
    needs_review: bool
    reason: str | None
    runner_up: int | None = None
    runner_score: float = 0.0
    candidates: list[tuple[int, float]] = field(default_factory=list)
    recalls: dict[int, float] = field(default_factory=dict)  # of each candidate
    umbrella_covers: tuple[str, ...] = ()
    forced_covers: tuple[str, ...] | None = None  # an override's own list
    blocked: bool = False  # a qualifier forbids matching: content may not overturn it


def _to_review(d: _Decision, reason: str) -> _Decision:
    """``d`` kept as the proposal, for a person to decide, saying why."""
    d.needs_review = True
    d.reason = reason
    return d


class _Aligner:
    def __init__(self, catalog: Catalog, settings: AlignSettings) -> None:
        self.catalog = catalog
        self.settings = settings
        self.index = catalog.index
        self.tokenizer = catalog.tokenizer
        self.entry_pos = {e.id: i for i, e in enumerate(catalog.entries)}
        self.exact = {clean_name(e.canonical_name): i for i, e in enumerate(catalog.entries)}
        # The words of how a question asks (能否, 多久): noise that names nothing.
        self.asking_words = frozenset(self.tokenizer.rules.asking)
        self.exact_cleaned = [clean_name(e.canonical_name) for e in catalog.entries]
        self.umbrella_norms = [self.index.forms[u].norm for u in self.index.umbrella_forms]
        # A group of different services is chosen whenever the name contains its wording
        # and names no member in full, however well a member's wording scores: a single
        # member would be a silent guess.
        self.umbrella_review = np.array(
            [self.index.forms[u].review for u in self.index.umbrella_forms], dtype=bool
        )
        self.qualifiers = sorted(self.tokenizer.rules.qualifiers)
        # Finds whether a name has any qualifier at all (most have none).
        self.qualifier_pattern = (
            re.compile("|".join(map(re.escape, self.qualifiers))) if self.qualifiers else None
        )
        # A qualifier inside a wording that rewrites it away is spent (取消医保 is stopping the
        # insurance, 停保, not cancelling a service): such wordings are taken out of the name,
        # longest first, before its qualifiers are read.
        rewrites = self.tokenizer.rules.rewrites
        spending = sorted(
            (
                k
                for k, v in rewrites.items()
                if any(q in k and q not in v for q in self.qualifiers)
            ),
            key=len,
            reverse=True,
        )
        self.spent_pattern = re.compile("|".join(map(re.escape, spending))) if spending else None
        # Discriminating words, with the entries (positions) they mark and are against.
        self.discriminators = [
            (
                d.words,
                {self.entry_pos[c] for c in d.marks},
                {self.entry_pos[c] for c in d.against},
                d.yields,
            )
            for d in catalog.discriminators
        ]
        # Per discriminator, the words that pick one of its several marked items.
        self.picks = [
            tuple((w, self.entry_pos[c]) for w, c in d.picks) for d in catalog.discriminators
        ]
        # The words that name their one marked item where nothing else of a name scores
        # (see _marked_alone), with that item.
        self.naming_words = {
            w: self.entry_pos[next(iter(d.marks))]
            for d in catalog.discriminators
            if d.names
            for w in d.words
        }
        # Of those, the words that say whose the service is: they name it only with its act.
        self.naming_with_act = frozenset(
            w for d in catalog.discriminators if d.names_with_act for w in d.words
        )
        # Each discriminating word that marks an item, spelled out with one character between
        # two of its own (门急诊 for 门诊, 长时期 for 长期): see _spread_mark.
        self.spread_marks = [
            (re.compile("|".join(spread)), words, marks, against)
            for words, marks, against, _ in self.discriminators
            if marks
            and (spread := [_spread_pattern(w, k) for w in words for k in range(1, len(w))])
        ]
        # Qualifiers and discriminating words: a name's decision depends on which it holds.
        self.doubtful = self.tokenizer.rules.doubtful
        alternatives = self.tokenizer.rules.alternatives
        self.alternatives_pattern = (
            re.compile("|".join(map(re.escape, alternatives))) if alternatives else None
        )
        self.settled = self.tokenizer.rules.settled
        self.doubtful_normalised = self.tokenizer.rules.doubtful_normalised
        self.documents = self.tokenizer.rules.documents
        self.issuing = self.tokenizer.rules.issuing
        self.deciding_words = sorted(
            set(self.qualifiers)
            | {w for d in catalog.discriminators for w in d.words}
            | set(self.doubtful)
            | {w for words in self.settled.values() for w in words}
        )
        self.deciding_pattern = (
            re.compile("|".join(map(re.escape, self.deciding_words)))
            if self.deciding_words
            else None
        )
        # Group wordings whose members are different services: never one member silently.
        self.review_forms = {r for r, f in enumerate(self.index.forms) if f.review}
        self.form_cleaned = [f.cleaned for f in self.index.forms]
        # Per group wording: its primary entry, then the entries it covers (-1 pads).
        groups = [self.index.forms[u] for u in self.index.umbrella_forms]
        widest = max((1 + len(g.covers) for g in groups), default=1)
        self.umbrella_members = np.full((len(groups), widest), -1, dtype=np.int64)
        # Members a group wording names in full itself (基本医疗保险参保信息查询和个人账户
        # 一次性支取 names 个人账户一次性支取): a name holding the wording names them too, which
        # then says nothing against the group.
        self.umbrella_self_named = np.zeros((len(groups), widest), dtype=bool)
        plain_tokens: dict[int, list[set[str]]] = defaultdict(list)
        for f in self.index.forms:
            if f.kind != "umbrella":
                plain_tokens[f.entry].append(set(f.tokens))
        for u, g in enumerate(groups):
            ids = [g.entry, *(self.entry_pos[c] for c in g.covers)]
            self.umbrella_members[u, : len(ids)] = ids
            own = set(g.tokens)
            for k, j in enumerate(ids):
                self.umbrella_self_named[u, k] = any(t <= own for t in plain_tokens[j])
        self._candidates: dict[tuple[int, float], Candidate] = {}
        # What a name says is done, per entry the words of all its wordings: an act of its
        # own (查询, 变更) that none of an entry's wordings holds names another service. A
        # group of different services lends its words to none of them (基本医疗保险参保和变更
        # 登记 holds 变更, its first member 单位参保登记 does not).
        rules = self.tokenizer.rules
        self.acts = rules.acts | rules.own_acts
        self.act_needed = frozenset(
            self.entry_pos[catalog.entry(name).id] for name in rules.act_needed
        )
        self.own_acts = rules.own_acts
        self.entry_words: list[set[str]] = [set() for _ in catalog.entries]
        for f in self.index.forms:
            if not f.review:
                self.entry_words[f.entry].update(f.tokens)
        # The acts only one item's wordings hold (补缴), with that item (see _act_decides).
        owners: dict[str, set[int]] = {}
        for j, words in enumerate(self.entry_words):
            for w in words & self.acts:
                owners.setdefault(w, set()).add(j)
        self.act_owner = {w: next(iter(js)) for w, js in owners.items() if len(js) == 1}
        # The words of each entry's own wordings (no group wording): which entries a name's
        # catalog words all belong to, when no wording scores (see _named_by_words).
        self.own_words: list[frozenset[str]] = [frozenset() for _ in catalog.entries]
        for f in self.index.forms:
            if f.kind != "umbrella":
                self.own_words[f.entry] = self.own_words[f.entry] | set(f.tokens)
        # Every word of every wording: what an act may be done to, as far as the catalog knows.
        self.catalog_words: frozenset[str] = frozenset(
            t for f in self.index.forms for t in f.tokens
        )
        # Entries told apart by nothing but whose insurance they are (the three registrations:
        # 职工, 城乡居民, 单位 in the canonical name, and no act of its own such as 变更 or 查询;
        # a person's change said without whose is the employees' by the catalog's own alias,
        # 个人信息变更), and for each entry the words of its neighbours in the national list
        # (the same main item), against which a name must hold a word of its own (see _unsure).
        self.whose = rules.whose
        self.canonical_tokens = [frozenset(self.tokenizer.tokens(e.canonical_name)) for e in catalog.entries]
        self.told_by_whose = {
            j
            for j, canonical in enumerate(self.canonical_tokens)
            if self.whose.intersection(canonical) and not self.own_acts.intersection(canonical)
        }
        self.neighbour_words: list[frozenset[str]] = [
            frozenset().union(
                *(
                    self.own_words[k]
                    for k, other in enumerate(catalog.entries)
                    if k != j and other.main_item == e.main_item
                )
            )
            for j, e in enumerate(catalog.entries)
        ]
        # Words a name may hold that no wording of its item holds without making the match a
        # guess: acts and whose insurance, which other rules read (see _unexplained).
        self.unexplained_aside = self.acts | self.whose
        # What accounts for a name's word, per entry: the words of its wordings and of the main
        # item the national list names it under; and the words of every item's own wordings
        # (a word only group wordings hold, 保险, names no item).
        self.entry_vocab: list[frozenset[str]] = [
            frozenset(
                self.entry_words[j]
                | self.own_words[j]
                | self.neighbour_words[j]
                | set(self.tokenizer.tokens(e.main_item))
            )
            for j, e in enumerate(catalog.entries)
        ]
        self.item_words: frozenset[str] = frozenset().union(*self.own_words)
        # What a name asks for after "after" (see _asked_after).
        self.after_pattern = (
            re.compile("|".join(map(re.escape, rules.after))) if rules.after else None
        )
        self.minor = rules.minor
        # A status left, and the time after it asked about (毕业后): see _named_by_words.
        self.left_pattern = (
            re.compile(
                f"(?:{'|'.join(map(re.escape, sorted(rules.left)))})"
                f"(?:{'|'.join(map(re.escape, sorted(rules.after, key=len, reverse=True)))})"
            )
            if rules.left and rules.after
            else None
        )
        former = sorted(rules.former, key=len, reverse=True)
        # A gap or an end said of a person: the word, then (within a few characters) 人员.
        self.former_person = (
            re.compile(f"(?:{'|'.join(map(re.escape, former))})(?:(?!人员).){{0,8}}人员")
            if former
            else None
        )
        # normalised wording → entries it belongs to (an umbrella counts for its primary)
        self.wordings: dict[str, set[int]] = defaultdict(set)
        self.plain_wordings: dict[str, set[int]] = defaultdict(set)
        for f in self.index.forms:
            self.wordings[f.norm].add(f.entry)
            if f.kind != "umbrella":
                self.plain_wordings[f.norm].add(f.entry)

    # -- name ---------------------------------------------------------------------------
    #
    # A decision reads the name's scores (which entry leads, by how much, whether a group
    # wording fits better) and then applies the rules (_judge). decide_all reads a whole batch
    # with array operations; decide reads one row the plain way and is the reference the
    # batch reading is tested against.

    def decide(self, name: str, scores: NameScores, i: int) -> _Decision:
        """The decision for row ``i`` of ``scores`` (the row of ``name``), by name alone."""
        s = self.settings
        row = scores.score[i].tolist()
        recall_row = scores.recall[i].tolist()
        order = scores.ranking[i].tolist()
        exact = self.exact.get(scores.cleaned[i])
        if exact is not None:
            best, score, recall, form = exact, 100.0, 1.0, -1
        else:
            best = order[0]
            score, recall = row[best], recall_row[best]
            form = int(scores.form[i, best])
        covers: tuple[str, ...] = ()
        if exact is None and scores.umbrella_score.shape[1]:
            # A group wording (异地就医备案) is chosen only when the name contains it as
            # written (after normalisation), fits clearly better than any member's own
            # wording (a group of different services need not), and names no member in
            # full beyond what the wording itself names: a member's wording is the more
            # specific reading, and a group is never guessed from scattered words.
            norm = scores.norms[i]
            contained = [u for u, text in enumerate(self.umbrella_norms) if text in norm]
            u = max(contained, key=lambda c: scores.umbrella_score[i, c]) if contained else -1
            group = self.index.forms[self.index.umbrella_forms[u]] if contained else None
            if (
                group is not None
                and (
                    scores.umbrella_score[i, u] >= score + s.umbrella_yield
                    or bool(self.umbrella_review[u])
                )
                and not any(
                    scores.recall_name[i, j] >= 0.99 and not self.umbrella_self_named[u, k]
                    for k, j in enumerate(
                        [group.entry, *(self.entry_pos[c] for c in group.covers)]
                    )
                )
            ):
                form, best, covers = int(self.index.umbrella_forms[u]), group.entry, group.covers
                score, recall = (
                    float(scores.umbrella_score[i, u]),
                    float(scores.umbrella_recall[i, u]),
                )
        covered = {self.entry_pos[c] for c in covers}
        others = [j for j in order if j != best and j not in covered]
        decision = self._judge(
            scores.cleaned[i],
            scores.norms[i],
            exact is not None,
            (best, score, recall, form, covers),
            others,
            [row[j] for j in others],
            [recall_row[j] for j in others],
        )
        return self._checked(scores, i, decision)

    def decide_all(self, scores: NameScores) -> tuple[Iterator[_Decision], list[int]]:
        """:meth:`decide` for every row of ``scores``, reading all rows at once.

        Rows bound to decide alike share one decision: those scored as one (the same
        normalised name and section) that are the same exact name, or none, and contain the
        same qualifiers and discriminating words. Returns the distinct decisions (made as
        they are iterated) and, per row, the index of its decision among them.
        """
        pattern = self.deciding_pattern
        exact_of = [self.exact.get(c, -1) for c in scores.cleaned]
        shared: dict[tuple[int, int, tuple[str, ...], bool], int] = {}
        first: list[int] = []  # a row for each distinct decision
        decision_of: list[int] = []
        for i, (cleaned, scored_as, exact_entry) in enumerate(
            zip(scores.cleaned, scores.scored_as.tolist(), exact_of, strict=True)
        ):
            found: tuple[str, ...] = ()
            if pattern is not None and pattern.search(cleaned):
                found = tuple(q for q in self.deciding_words if q in cleaned)
            # 轉出 and 医保转出 normalise alike, but only the first is one act word alone.
            bare = bool(self.acts) and self._act_without_object(cleaned, scores.name_tokens[i])
            d = shared.setdefault((scored_as, exact_entry, found, bare), len(first))
            if d == len(first):
                first.append(i)
            decision_of.append(d)
        sel = np.array(first, dtype=np.int64)
        n, n_entries = len(sel), scores.score.shape[1]
        rows = np.arange(n)
        entry_score, entry_recall = scores.score[sel], scores.recall[sel]
        ranking = scores.ranking[sel]
        exact = np.array(exact_of, dtype=np.int64)[sel]
        is_exact = exact >= 0
        best = np.where(is_exact, exact, ranking[:, 0])
        score = np.where(is_exact, 100.0, entry_score[rows, best])
        recall = np.where(is_exact, 1.0, entry_recall[rows, best])
        form = np.where(is_exact, -1, scores.form[sel][rows, best])
        covered = np.zeros((n, n_entries), dtype=bool)
        group = np.full(n, -1, dtype=np.int64)
        if scores.umbrella_score.shape[1]:
            # See decide: the best group wording the name contains, if it fits clearly
            # better than any member's own wording and the name names no member in full
            # (beyond those the wording names itself).
            umbrella_score = scores.umbrella_score[sel]
            contained = np.zeros(umbrella_score.shape, dtype=bool)
            for r, i in enumerate(first):
                if scores.contained_umbrellas[i]:
                    contained[r, list(scores.contained_umbrellas[i])] = True
            u = np.where(contained, umbrella_score, -np.inf).argmax(axis=1)
            u_score = umbrella_score[rows, u]
            members = self.umbrella_members[u]  # -1 pads
            named = (
                (scores.recall_name[sel[:, None], np.maximum(members, 0)] >= 0.99)
                & (members >= 0)
                & ~self.umbrella_self_named[u]
            )
            chosen = (
                ~is_exact
                & contained.any(axis=1)
                & ((u_score >= score + self.settings.umbrella_yield) | self.umbrella_review[u])
                & ~named.any(axis=1)
            )
            if chosen.any():
                group = np.where(chosen, u, -1)
                best = np.where(chosen, members[:, 0], best)
                score = np.where(chosen, u_score, score)
                recall = np.where(chosen, scores.umbrella_recall[sel, u], recall)
                form = np.where(chosen, self.index.umbrella_forms[u], form)
                r, c = np.nonzero(chosen[:, None] & (members >= 0))
                covered[r, members[r, c]] = True
                covered[rows, best] = False  # the primary is chosen, not covered
        # The other entries, best first; a decision looks at the first top_k - 1 only.
        keep = (ranking != best[:, None]) & ~np.take_along_axis(covered, ranking, axis=1)
        others = np.take_along_axis(ranking, np.argsort(~keep, axis=1, kind="stable"), axis=1)
        wanted = self.settings.top_k - 1
        width = min(max(wanted, 1), n_entries) if wanted >= 0 else n_entries
        others = others[:, :width]
        counts = np.minimum(keep.sum(axis=1), width).tolist()
        other_scores = np.take_along_axis(entry_score, others, axis=1).tolist()
        other_recalls = np.take_along_axis(entry_recall, others, axis=1).tolist()
        umbrella_covers = [f.covers for f in self.index.forms]
        columns = zip(
            first,
            is_exact.tolist(),
            best.tolist(),
            score.tolist(),
            recall.tolist(),
            form.tolist(),
            group.tolist(),
            others.tolist(),
            counts,
            other_scores,
            other_recalls,
            strict=True,
        )

        def decisions() -> Iterator[_Decision]:
            # Made as they are consumed: a caller that turns each into a result at once
            # keeps thousands of decisions from living together (and the garbage
            # collector from scanning them).
            for i, is_ex, b, sc, rc, f, g, o, c, os_, or_ in columns:
                covers = umbrella_covers[f] if g >= 0 else ()
                reading = (b, sc, rc, f, covers)
                decision = self._judge(
                    scores.cleaned[i], scores.norms[i], is_ex, reading, o[:c], os_[:c], or_[:c]
                )
                yield self._checked(scores, i, decision)

        return decisions(), decision_of

    def _checked(self, scores: NameScores, i: int, decision: _Decision) -> _Decision:
        """Name ``i``'s decision after the checks read once the rules have judged it: its
        discriminating words, a document named with no act of issuing it, a neighbour's marking
        word spelled out."""
        decision = self._discriminate(scores.cleaned[i], decision, scores.score[i])
        decision = self._alternatives(scores.cleaned[i], decision)
        decision = self._marked_weak(scores.cleaned[i], scores.norms[i], decision)
        decision = self._marked_alone(scores.cleaned[i], decision, scores.score[i])
        decision = self._document_alone(scores.cleaned[i], decision)
        decision = self._asked_after(scores.norms[i], decision)
        decision = self._doubted_normalised(scores.norms[i], decision)
        decision = self._doubted_together(scores.cleaned[i], decision)
        decision = self._whose_alone(scores.norms[i], decision)
        decision = self._spread_mark(scores.norms[i], decision)
        decision = self._act_decides(scores.norms[i], decision)
        decision = self._act_missing(scores.norms[i], decision)
        return self._explained(scores.norms[i], decision)

    def _explained(self, norm: str, d: _Decision) -> _Decision:
        """``d``, unless it is accepted by a score that clears the acceptance threshold by less
        than the margin a lead needs, while the name holds a word of the catalog that nothing of
        the item accounts for (异地就医报销 as 住院费用报销 at 86.8: 异地, the care elsewhere other
        items are about, is left unread). A name read off a page carries more than the service
        (a step, a channel, a note), and a word of another service left unread by a match only
        just accepted is a guess the score does not show: the match stays the proposal, for
        review. A match scoring clearly higher read the name's words otherwise (the rewritten
        wordings), and exact names and known wordings say the item outright."""
        s = self.settings
        if (
            d.entry is None
            or d.needs_review
            or d.method != "fuzzy"
            or d.score >= s.accept_score + s.min_margin
        ):
            return d
        left = self._unexplained(norm, d.entry, d.umbrella_covers)
        if not left:
            return d
        name = self.catalog.entries[d.entry].canonical_name
        return _to_review(d, f"name's {'、'.join(left)} said by nothing of {name}: {name} is a guess")

    def _unexplained(self, norm: str, entry: int, covers: tuple[str, ...]) -> list[str]:
        """The words of the normalised name ``norm`` that are words of another item's own
        wordings and of nothing of ``entry`` (its wordings, the national list's main item it is
        listed under, or the items its group wording covers), inside none of its words (生育 is
        in 生育津贴), acts and whose insurance aside (other rules read those)."""
        vocab = set().union(
            *(self.entry_vocab[j] for j in [entry, *(self.entry_pos[c] for c in covers)])
        )
        return [
            t
            for t in self.tokenizer.tokens_of_normalized(norm)
            if t in self.item_words
            and t not in self.unexplained_aside
            and not any(t in w for w in vocab)
        ]

    def _act_missing(self, norm: str, d: _Decision) -> _Decision:
        """``d``, unless it is accepted as an item named by its act (`[acts] needed`: the
        account's balance paid out) while the normalised name says no act at all (医保卡余额,
        个人账户余额有效期): the object alone is asked about, moved or given to family as often as
        it is paid out, so the match stays the proposal, for a person to say."""
        if d.entry is None or d.needs_review or d.entry not in self.act_needed:
            return d
        if any(t in self.acts for t in self.tokenizer.tokens_of_normalized(norm)):
            return d
        name = self.catalog.entries[d.entry].canonical_name
        return _to_review(d, f"name says no act of {name}: its object alone names more than one service")

    def _alternatives(self, cleaned: str, d: _Decision) -> _Decision:
        """``d``, unless the name sets two alternatives against each other (住院报销还是门诊报销)
        and the two sides hold discriminating words that rule each other out (one marks an item
        the other's rule is against: 住院 and 门诊): the name asks which of two items applies,
        and names neither; no item is proposed. Alternatives that no rule sets apart
        (用药额还是报出额: two sums of one claim; 给单位还是个人) leave the decision as it is.
        Read as written."""
        if d.entry is None or self.alternatives_pattern is None:
            return d
        parts = self.alternatives_pattern.split(cleaned, maxsplit=1)
        if len(parts) < 2:
            return d

        def held(text: str) -> list[tuple[set[int], set[int]]]:
            return [
                (marks, against)
                for words, marks, against, _ in self.discriminators
                if marks and any(w in text for w in words)
            ]

        before, after = held(parts[0]), held(parts[1])
        ruled_out = sorted(
            {
                j
                for m1, a1 in before
                for m2, a2 in after
                for j in (m1 & a2) | (m2 & a1)
            }
        )
        if not ruled_out:
            return d
        name = self.catalog.entries[d.entry].canonical_name
        asked = "、".join(self.catalog.entries[j].canonical_name for j in ruled_out)
        d.entry, d.method, d.umbrella_covers, d.blocked = None, "none", (), True
        d.needs_review = d.score >= self.settings.review_floor
        d.reason = f"name asks which of {asked} applies: {name} is a guess"
        return d

    def _act_decides(self, norm: str, d: _Decision) -> _Decision:
        """``d``, unless it is a proposal for review whose candidate next to it, close behind,
        is the one item whose wordings hold the name's act, while the proposal holds no act of
        the name: the name's object words pull to one item, its act to the other, and what is
        done says which service it is (社保基数差额补缴: the base is the declaration's word,
        paying back the back payment's alone). An act many items share (支付: the claims, the
        allowance, medical aid) says too little to overrule the words."""
        if d.entry is None or not d.needs_review or d.blocked or len(d.candidates) < 2:
            return d
        (best, score), (other, other_score) = d.candidates[0], d.candidates[1]
        if best != d.entry or score - other_score > _ACT_TIE:
            return d
        acts = [t for t in self.tokenizer.tokens_of_normalized(norm) if t in self.acts]
        if (
            not acts
            or any(t in self.entry_words[best] for t in acts)
            or not all(self.act_owner.get(t) == other for t in acts)
        ):
            return d
        d.runner_up, d.runner_score = best, score
        d.entry, d.score = other, other_score
        d.candidates = [(other, other_score), *(c for c in d.candidates if c[0] != other)]
        d.reason = (
            f"{d.reason}; the name's act {'、'.join(acts)} is "
            f"{self.catalog.entries[other].canonical_name}'s, not {self.catalog.entries[best].canonical_name}'s"
        )
        return d

    def _doubted_normalised(self, norm: str, d: _Decision) -> _Decision:
        """``d``, unless it is accepted while the normalised name holds a doubtful wording
        (单位转移接续: an employer's account moved to another district, or its staff's insurance
        moved; 单位社保转出 and 企业医保关系转移 read alike): the match stays the proposal, for a
        person to say. Read on the normalised name, so names decided alike read alike."""
        if d.entry is None or d.needs_review:
            return d
        held = [w for w in self.doubtful_normalised if w in norm]
        if not held:
            return d
        name = self.catalog.entries[d.entry].canonical_name
        return _to_review(d, f"name says {'、'.join(held)}: whether {name} applies is for a person to say")

    def _doubted_together(self, cleaned: str, d: _Decision) -> _Decision:
        """``d``, unless it is accepted while the name holds a word of every list of a doubtful
        group (退休, 异地 and 转移: a retiree's insurance moved elsewhere is the transfer by one
        item's words and the retirees' filing by another's): the match stays the proposal, for a
        person to say. Read as written."""
        if d.entry is None or d.needs_review:
            return d
        for group in self.tokenizer.rules.doubtful_together:
            held = [next((w for w in words if w in cleaned), None) for words in group]
            if group and all(held):
                name = self.catalog.entries[d.entry].canonical_name
                d.needs_review, d.blocked = True, True
                said = "、".join(w for w in held if w)
                d.reason = f"name holds {said}: whether {name} applies is for a person to say"
                return d
        return d

    def _whose_alone(self, norm: str, d: _Decision) -> _Decision:
        """``d``, unless the normalised name is nothing but a party that does many services
        (`[whose] many_services`: 单位医保办理, 单位医保网上办理: an employer registers, changes,
        declares, pays back and asks): then no item is proposed, and a person says which."""
        if d.entry is None or d.blocked or norm not in self.tokenizer.rules.many_services:
            # A discriminating word has said which (公司跨省迁移: read as the employer alone, the
            # move proposes its change).
            return d
        name = self.catalog.entries[d.entry].canonical_name
        d.entry, d.method, d.blocked, d.umbrella_covers = None, "none", True, ()
        d.needs_review = True
        d.reason = f"name says only {norm}, who does many services: {name} is a guess"
        return d

    def _asked_after(self, norm: str, d: _Decision) -> _Decision:
        """``d``, unless its item is named only before the name's last "after" (后, 之后) while
        what follows names another item's words: the name asks about what follows, and what
        comes before says when (社保转移后缴费基数 asks about the contribution base after a
        transfer, 企业搬迁后社保登记变更 about the change). The match goes to review, with the
        candidate holding those words as the proposal where there is one. Read on the
        normalised name, so names decided alike read alike."""
        pattern = self.after_pattern
        if d.entry is None or pattern is None:
            return d
        parts = pattern.split(norm)
        if len(parts) < 2 or not parts[-1] or not parts[0]:
            return d
        tail = self.tokenizer.tokens_of_normalized(parts[-1])
        words = self.entry_words[d.entry]
        if any(t in words and t not in self.minor for t in tail):
            return d
        asked = [t for t in tail if t not in self.minor and t in self.catalog_words]
        if not asked:
            return d
        name = self.catalog.entries[d.entry].canonical_name
        d.needs_review, d.blocked = True, True
        d.reason = f"name asks after {name}'s words about {'、'.join(asked)}"
        chosen = next(
            (
                (j, sc)
                for j, sc in d.candidates
                if j != d.entry and any(t in self.entry_words[j] for t in asked)
            ),
            None,
        )
        if chosen is not None:
            j, sc = chosen
            d.runner_up, d.runner_score = d.entry, d.score
            d.entry, d.score, d.umbrella_covers = j, sc, ()
            d.candidates = [chosen, *(c for c in d.candidates if c[0] != j)]
            d.reason += f": {self.catalog.entries[j].canonical_name} proposed instead"
        return d

    def _discriminate(self, cleaned: str, d: _Decision, row: np.ndarray) -> _Decision:
        """``d``, after the name's discriminating words: however well the name scores, a
        word that marks another catalog item (or none) keeps the match from being accepted
        without review, and so does a doubtful word (an accident's costs: 车祸住院报销), which
        leaves the proposal as it is. A word that marks one item names that item: it is
        proposed for review where the name's other words pull to a neighbour or to nothing
        (低保的二次报销, 城乡居民医保断交). ``row`` holds the name's score for every entry."""
        entry = d.entry
        pattern = self.deciding_pattern
        if pattern is None or not pattern.search(cleaned):
            return d  # most names hold no discriminating word: one search decides it
        if entry is None:
            return d
        doubt = [
            w
            for w in self.doubtful
            if w in cleaned and not any(s in cleaned for s in self.settled.get(w, ()))
        ]
        if doubt and not d.needs_review:
            # The proposal stays; a person checks whether the insurance pays at all (an accident),
            # or which credential a page offers (电子).
            d.needs_review, d.blocked = True, True
            name = self.catalog.entries[entry].canonical_name
            d.reason = f"name holds {'、'.join(doubt)}: whether {name} applies is for a person to say"
        for k, (words, marks, against, yields) in enumerate(self.discriminators):
            if entry not in against:
                continue
            held = [w for w in words if w in cleaned]
            if not held:
                continue
            if yields and any(
                entry in other_marks and any(w in cleaned for w in other_words)
                for other_words, other_marks, _, _ in self.discriminators
            ):
                continue  # the name marks its item by a word of its own: this one is a detail
            name = self.catalog.entries[entry].canonical_name
            d.blocked = True  # content evidence may not accept it either
            if not marks:  # the word names a service the catalog does not have
                d.entry, d.method, d.umbrella_covers = None, "none", ()
                d.needs_review = d.score >= self.settings.review_floor
                d.reason = f"name holds {'、'.join(held)}: a service outside the catalog, not {name}"
                return d
            marked = "、".join(self.catalog.entries[j].canonical_name for j in sorted(marks))
            d.needs_review = True
            d.reason = f"name holds {'、'.join(held)}, which marks {marked}, not {name}"
            # The item the word marks, when the name makes it a candidate too, is the
            # better reading to put before a reviewer (灵活就业人员补缴: 补缴 over the
            # registration the group word pulls to); the word never makes it a candidate.
            # A name that holds the whole wording of its best item only adds a detail to it
            # (生育医疗费用报销(含计划生育)) and keeps that item as the proposal.
            chosen = next(((j, sc) for j, sc in d.candidates if j in marks), None)
            whole = d.recalls.get(entry, 0.0) >= 0.99
            if chosen is None and d.umbrella_covers:
                # A group wording of one act (异地就医备案) was read as its first member; the
                # word picks another member of that group (长期异地就医备案): that member. The
                # name holds the group's wording, not its first member's.
                named = sorted(marks & {self.entry_pos[c] for c in d.umbrella_covers})
                if len(named) == 1:
                    chosen, whole = (named[0], d.score), False
            elif chosen is None and len(marks) > 1:
                # A word of the name says which of the marked items it is (新单位医保续交: the
                # employer a person continues at makes the person an employee).
                picked = [j for w, j in self.picks[k] if w in cleaned]
                if len(set(picked)) == 1:
                    chosen, whole = (picked[0], float(row[picked[0]])), False
            elif chosen is None and len(marks) == 1:
                # A word that marks one item names it, however little else of its wording
                # the name holds (低保住院二次报销: medical aid, whatever 住院 pulls to), unless
                # the name ends in a word of its best item that the marked one lacks: the last
                # word says what is done (城乡居民断交后续交 joins again after a gap).
                (j,) = marks
                tokens = self.tokenizer.tokens(cleaned)
                last = tokens[-1] if tokens else ""
                if not (last in self.entry_words[entry] and last not in self.entry_words[j]):
                    chosen = (j, float(row[j]))
            if chosen is not None and not whole:
                j, sc = chosen
                d.runner_up, d.runner_score = entry, d.score
                d.entry, d.score, d.umbrella_covers = j, sc, ()
                d.candidates = [chosen, *(c for c in d.candidates if c[0] != j)]
                d.reason = (
                    f"name holds {'、'.join(held)}, which marks {marked}: "
                    f"proposed instead of {name}"
                )
            return d
        return d

    def _marked_weak(self, cleaned: str, norm: str, d: _Decision) -> _Decision:
        """A weak match (no wording holds enough of the name's words, nothing stopped it) of a
        name that is an act alone once normalised, whose discriminating word tells its
        candidates apart: the first candidate the word marks, scoring as a proposal would, when
        every candidate scored above it and another below or above are ones the word is
        against, proposed for review. A name of an act alone (社保登记: 社保 is dropped, 登记 is
        left) scores alike for the registrations; the word as written (社保登记, the law's name
        of the employer's) is what says which, as it does where the name scores enough to be
        assigned. A word of the name besides the act (参保个人登记: 个人, a person) says more
        than the law's name does, and a person reads it."""
        if d.method != "none" or d.blocked or not d.candidates:
            return d
        pattern = self.deciding_pattern
        if pattern is None or not pattern.search(cleaned):
            return d
        tokens = self.tokenizer.tokens_of_normalized(norm)
        if not tokens or not all(t in self.acts for t in tokens):
            return d
        for words, marks, against, _ in self.discriminators:
            held = [w for w in words if w in cleaned]
            if not held or not marks:
                continue
            at = next((k for k, (j, _) in enumerate(d.candidates) if j in marks), None)
            if at is None or any(j not in against for j, _ in d.candidates[:at]):
                continue
            j, sc = d.candidates[at]
            if sc < self.settings.suggest_score or not any(
                k in against for k, _ in d.candidates if k != j
            ):
                # The word tells apart candidates that score as a proposal would, not a name
                # far from every wording (申请生育金).
                continue
            d = self._for_review(
                d, j, sc, d.candidates,
                f"weak match: name holds {'、'.join(held)}, which marks "
                f"{self.catalog.entries[j].canonical_name} among its candidates",
            )
            d.blocked = True
            return d
        return d

    def _document_alone(self, cleaned: str, d: _Decision) -> _Decision:
        """``d``, unless it is accepted while the name names a document a service issues
        (参保凭证, 医保凭证) with no word of issuing it or of the transfer it is issued for
        (出具, 打印, 转): 哈尔滨医疗保障参保凭证 may be the certificate issued for a transfer or
        a proof of insurance printed from one's record, which a person says. The match stays
        the proposal. Read on the written name: 打印 and 办理 are dropped by normalisation,
        and 办理 (doing any service) says nothing of issuing."""
        if d.entry is None or d.needs_review:
            return d
        held = [w for w in self.documents if w in cleaned]
        if not held or any(w in cleaned for w in self.issuing):
            return d
        name = self.catalog.entries[d.entry].canonical_name
        return _to_review(
            d,
            f"name holds {'、'.join(held)} but no act of issuing it: "
            f"whether {name} or a proof from one's record is for a person to say",
        )

    def _spread_mark(self, norm: str, d: _Decision) -> _Decision:
        """``d``, unless it is accepted while the name spells out, with one character
        between, a word marking a neighbour of the accepted item (长时期 holds 长…期, which
        marks the long-stay filing; 津补贴 holds 津…贴, the allowance). Discriminating words
        are matched as written, so such a word slips past them; whether it names the
        neighbour is for a person to say, and the match stays the proposal. It reads the
        normalised name, so names decided alike read alike."""
        entry = d.entry
        if entry is None or d.needs_review:
            return d
        for pattern, words, marks, against in self.spread_marks:
            if entry not in against:
                continue
            found = pattern.search(norm)
            if found is None or any(w in norm for w in words):
                continue
            name = self.catalog.entries[entry].canonical_name
            marked = "、".join(self.catalog.entries[j].canonical_name for j in sorted(marks))
            d.needs_review = True
            d.reason = (
                f"name holds {found.group()}, a word of {marked} spelled out: "
                f"whether {name} applies is for a person to say"
            )
            return d
        return d

    def _marked_alone(self, cleaned: str, d: _Decision, row: np.ndarray) -> _Decision:
        """A name matched to nothing (a weak match, not one a qualifier or a group wording
        stopped) that holds a word naming one item (a block with ``names``) and whose
        discriminating words all mark that item: the item, proposed for review. The words
        name it where the rest of the name is too far from any wording to be read
        (病故后医保卡里的钱: the account paid out to the heirs). Most marking words only tell
        neighbours apart (断缴, 一胎): alone they do not say the name is their item."""
        if d.blocked or d.method != "none" or not self.naming_words:
            return d
        named = {j for w, j in self.naming_words.items() if w in cleaned}
        if len(named) != 1:
            return d
        blocks = [
            (found, marks, against)
            for words, marks, against, _ in self.discriminators
            if (found := [w for w in words if w in cleaned])
        ]
        # A word marking an item the naming word is against is overruled by it (低保医保报销:
        # 报销 marks the insurance's reimbursement, 低保 says it is medical aid's).
        overruled = set().union(
            *(against for found, marks, against in blocks if any(w in self.naming_words for w in found))
        )
        held: list[str] = []
        marked: set[int] = set()
        for found, marks, _ in blocks:
            if marks and marks <= overruled:
                continue
            if not marks and all(w in self.naming_words for w in found):
                # Outside the catalog only against some items (门诊统筹 is no designation),
                # the word names its own item elsewhere.
                continue
            held += found
            # Of the items a word marks, those the naming word is against are overruled too
            # (门诊 marks the outpatient claim and the chronic diseases' recognition; 门诊统筹
            # is no recognition).
            marked |= (marks - overruled) if marks else {-1}
        if marked != named:
            return d
        (j,) = marked
        if any(w in cleaned for w in self.naming_with_act) and not any(
            t in self.acts and t in self.entry_words[j] for t in self.tokenizer.tokens(cleaned)
        ):
            return d  # a person's group named, and not what is done for them
        d = self._for_review(
            d, j, float(row[j]), d.candidates,
            f"name holds {'、'.join(held)}, which marks {self.catalog.entries[j].canonical_name}: proposed on that word",
        )
        d.blocked = True
        return d

    def _judge(
        self,
        cleaned: str,
        norm: str,
        exact: bool,
        reading: tuple[int, float, float, int, tuple[str, ...]],
        others: list[int],
        other_scores: list[float],
        other_recalls: list[float],
    ) -> _Decision:
        """The rules, given a name's reading: its best entry with score, recall, the form
        that scored (-1 for an exact name) and the ids a group wording covers; and the other
        entries best first (at least the first ``top_k - 1``) with their scores and recalls.
        Discriminating words are applied last (:meth:`_discriminate`)."""
        s = self.settings
        best, score, recall, form, covers = reading
        runner = others[0] if others else None
        runner_score = other_scores[0] if others else 0.0
        kept, floor = s.top_k - 1, s.review_floor
        candidates = [(best, score)] if score >= floor else []
        candidates += [
            (j, sc) for j, sc in zip(others[:kept], other_scores[:kept], strict=True) if sc >= floor
        ]
        recalls = dict(zip(others[:kept], other_recalls[:kept], strict=True))
        recalls[best] = recall
        decision = _Decision(
            entry=best,
            score=score,
            method="fuzzy",
            needs_review=False,
            reason=None,
            runner_up=runner,
            runner_score=runner_score,
            candidates=candidates,
            recalls=recalls,
            umbrella_covers=tuple(covers),
        )
        entry_name = self.catalog.entries[best].canonical_name
        wording = self.form_cleaned[form] if form >= 0 else self.exact_cleaned[best]
        blocking = (
            [q for q in self.qualifiers if q in cleaned and q not in wording]
            if self.qualifier_pattern is not None and self.qualifier_pattern.search(cleaned)
            else []
        )
        if blocking and self.spent_pattern is not None:
            unspent = self.spent_pattern.sub("|", cleaned)
            blocking = [q for q in blocking if q in unspent]
        if blocking and self._ends_own_insurance(norm, blocking, best):
            blocking = []
        if blocking:
            decision.entry, decision.method, decision.blocked = None, "none", True
            decision.needs_review = score >= s.review_floor
            decision.reason = f"name adds {'、'.join(blocking)} to {entry_name}: another service"
            return decision
        if form in self.review_forms:
            # A wording for several different services: a person says which it provides.
            group = self.index.forms[form]
            members = [best, *(self.entry_pos[c] for c in covers)]
            decision.entry, decision.method, decision.blocked = None, "none", True
            decision.needs_review, decision.umbrella_covers = True, ()
            decision.candidates = [(j, score) for j in members]
            decision.reason = (
                f"{SEVERAL_REASON}{group.text} covers "
                + "、".join(self.catalog.entries[j].canonical_name for j in members)
            )
            return decision
        if exact:
            decision.method = "exact"
        elif norm and best in self.wordings.get(norm, ()):
            decision.method = "alias"
            decision.score = 100.0
        doubt = self._act_doubt(cleaned, norm, best) if not exact else None
        margin = score - runner_score
        accepted = score >= s.accept_score and margin >= s.min_margin and recall >= s.min_recall
        suggested = score >= s.suggest_score and recall >= s.min_recall
        if doubt is not None and (decision.method in ("exact", "alias") or accepted or suggested):
            # What the name says is done keeps any entry it would be assigned from acceptance.
            return self._doubted(decision, doubt)
        if decision.method in ("exact", "alias"):
            covered = {self.entry_pos[c] for c in covers}
            rivals = self.plain_wordings.get(norm, set()) - {best} - covered
            if rivals:  # the same wording belongs to two entries: a person must choose
                decision.needs_review = True
                decision.reason = "wording shared by " + "、".join(
                    self.catalog.entries[j].canonical_name for j in sorted(rivals)
                )
            return decision
        if accepted and decision.method == "fuzzy":
            unsure = self._unsure(norm, best)
            if unsure is not None:
                # The proposal stays: the name reads as the entry, but not surely enough.
                decision.needs_review, decision.reason = True, unsure
                return decision
        if accepted:
            return decision
        if suggested:
            decision.needs_review = True
            if score >= s.accept_score:
                runner_name = (
                    self.catalog.entries[runner].canonical_name if runner is not None else ""
                )
                decision.reason = f"close to runner-up {runner_name} ({runner_score:.1f})"
            else:
                decision.reason = f"score {score:.1f} below {s.accept_score:.0f}"
            return decision
        decision.entry, decision.method = None, "none"
        scored = {**dict(zip(others, other_scores, strict=True)), best: score}
        asked = self._asked_of(norm)
        if asked is not None:
            # No wording scores, but the name asks for an act of its own (查询) of a thing the
            # catalog knows, and one item holds that act for whose insurance the name names
            # (汕尾市医保个人账户查询: the person's query): that item, for review only.
            act, j = asked
            return self._for_review(
                decision, j, scored.get(j, 0.0), candidates,
                f"weak match: the name asks for {act}, which of its items only "
                f"{self.catalog.entries[j].canonical_name} holds for whose insurance it names",
            )
        named = self._named_by_words(norm)
        if named is not None:
            # No wording scores, but every word the catalog knows in the name is one item's
            # (在校大学生医保: 学生, the residents' registration): that item, for review only.
            words, j = named
            return self._for_review(
                decision, j, scored.get(j, 0.0), candidates,
                f"weak match: the name's words {'、'.join(words)} are only {self.catalog.entries[j].canonical_name}'s",
            )
        if score >= s.review_floor:
            decision.needs_review = True
            decision.reason = f"weak match: best candidate {entry_name} ({score:.1f})"
        return decision

    @staticmethod
    def _for_review(
        decision: _Decision, j: int, score: float, candidates: list[tuple[int, float]], reason: str
    ) -> _Decision:
        """``decision`` proposing entry ``j`` (its score ``score``) first among the candidates,
        for review only."""
        decision.entry, decision.method, decision.needs_review = j, "fuzzy", True
        decision.score = score
        decision.candidates = [(j, score), *(c for c in candidates if c[0] != j)]
        decision.reason = reason
        return decision

    def _unsure(self, norm: str, entry: int) -> str | None:
        """Why a name that scores high enough for ``entry`` still does not say surely that it
        is ``entry``, or None. Read for the entries told apart by whose insurance they are (the
        registrations):

        - the name says whose insurance by no word, and holds no word of ``entry``'s own that
          its neighbours in the national list lack (缴费申报 scores as the residents' payment
          registration through 缴费 and 登记 alone, which the wage declaration holds as well);
        - the name describes its person by a gap or an end of their insurance (中断职工医保人员
          参保登记): the whose word names the insurance they had, not the one they join now."""
        if entry not in self.told_by_whose:
            return None
        name = self.catalog.entries[entry].canonical_name
        if self.former_person is not None and (found := self.former_person.search(norm)):
            return f"name describes its person by a former insurance ({found.group(0)}): whether {name} is for a person to say"
        tokens = self.tokenizer.tokens_of_normalized(norm)
        if self.whose.intersection(tokens):
            return None
        own = self.own_words[entry] - self.neighbour_words[entry]
        if own.intersection(tokens):
            return None
        return f"name says whose insurance by no word, and nothing of {name}'s own: {name} is a guess"

    def _ends_own_insurance(self, norm: str, blocking: list[str], entry: int) -> bool:
        """Whether the qualifiers ``blocking`` only end a person's insurance itself: they are
        all ending words (取消), ``entry`` records an ending (its wordings hold 停保: the
        registrations), and every other word of the name the catalog knows is ``entry``'s own
        or says whose insurance it is (取消灵活就业人员医保, 取消职工参保). Cancelling a filing
        or a recognition (取消异地就医备案) names another service and stays blocked."""
        rules = self.tokenizer.rules
        if not rules.ending.issuperset(blocking) or STOPPED not in self.own_words[entry]:
            return False
        own = self.own_words[entry] | rules.whose
        return all(
            t in own or t not in self.catalog_words
            for t in self.tokenizer.tokens_of_normalized(norm)
            if t not in blocking
        )

    def _asked_of(self, norm: str) -> tuple[str, int] | None:
        """The act of its own a name asks for (查询, 变更, last or first, and no other act in
        the name) of a thing the catalog knows, with the one entry that holds the act for whose
        insurance the name names: the entries whose own words hold the name's whose words, or,
        when it names nobody's, the one entry of the act told apart by no whose word (asking
        about one's account is the person's query; the employer's needs 单位), provided every
        known word of the name is of that entry's main item. None otherwise."""
        tokens = self.tokenizer.tokens_of_normalized(norm)
        acts = [t for t in tokens if t in self.acts]
        if len(set(acts)) != 1 or acts[0] not in self.own_acts:
            return None
        act = acts[0]
        if tokens[-1] != act and tokens[0] != act:
            return None
        known = [t for t in tokens if t != act and t in self.catalog_words]
        if not known:
            return None
        holders = [j for j, words in enumerate(self.entry_words) if act in words]
        whose = self.whose.intersection(tokens)
        if whose:
            kept = [j for j in holders if whose <= self.own_words[j]]
        else:
            kept = [j for j in holders if not self.whose.intersection(self.canonical_tokens[j])]
        if len(kept) != 1:
            return None
        # What is asked about is of the entry's own part of the national list (the account
        # asked about is the main item's that pays it out), not a thing of another service (定点
        # 医院查询 looks up hospitals).
        (j,) = kept
        if not all(t in self.own_words[j] or t in self.neighbour_words[j] for t in known):
            return None
        return act, j

    def _named_by_words(self, norm: str) -> tuple[list[str], int] | None:
        """The one entry whose own wordings hold every word of a name that the catalog
        knows, with those words; None when there is no such word or more than one entry
        holds them all. A word the catalog does not know counts as the known word it ends
        with (在校学生 → 学生, 大学生 → 学生): a Chinese compound names a kind of its last
        part. Read only where no wording scores: it says whose service, not how well."""
        known: list[str] = []
        vocab = self.catalog_words
        for token in self.tokenizer.tokens_of_normalized(norm):
            if token in vocab:
                known.append(token)
                continue
            head = next((token[k:] for k in range(1, len(token) - 1) if token[k:] in vocab), None)
            if head is not None:
                known.append(head)
        if not self.tokenizer.rules.whose.intersection(known):
            return None
        if self.left_pattern is not None and self.left_pattern.search(norm):
            return None  # who the person was (学生毕业后: a graduate), not whose insurance
        holders = [j for j, words in enumerate(self.own_words) if words.issuperset(known)]
        return (known, holders[0]) if len(holders) == 1 else None

    def _doubted(self, decision: _Decision, doubt: _ActDoubt) -> _Decision:
        """``decision`` sent to review for ``doubt`` (see :meth:`_act_doubt`). A name asking
        for an act of its own names another service than its best entry: that entry is
        shown as a candidate, not proposed, and content may not accept it either. A candidate
        whose wordings hold the act and that the name matches well on its own (单位参保登记变更:
        the change of the employer's information) is proposed instead, for review."""
        decision.needs_review, decision.reason = True, doubt.reason
        if doubt.several:
            # Two services named at once: never one of them silently, each is a candidate.
            decision.entry, decision.method, decision.blocked = None, "none", True
            decision.umbrella_covers = ()
            return decision
        act = doubt.own_act
        if act is None:
            return decision
        s = self.settings
        held = next(
            (
                (j, sc)
                for j, sc in decision.candidates
                if act in self.entry_words[j]
                and sc >= s.accept_score
                and decision.recalls.get(j, 0.0) >= s.min_recall
            ),
            None,
        )
        decision.method, decision.blocked, decision.umbrella_covers = "none", True, ()
        if held is None:
            decision.entry = None
            return decision
        j, sc = held
        decision.runner_up, decision.runner_score = decision.entry, decision.score
        decision.entry, decision.score, decision.method = j, sc, "fuzzy"
        decision.candidates = [held, *(c for c in decision.candidates if c[0] != j)]
        decision.reason = f"{doubt.reason}: {self.catalog.entries[j].canonical_name} proposed"
        return decision

    def _act_without_object(self, cleaned: str, tokens: Sequence[str]) -> bool:
        """Whether a name (cleaned, and its normalised tokens) says what is done but not to
        anything the catalog knows: an act word, and besides acts only words no catalog
        wording holds (档案转移, 户口迁移: another thing moved) or where the act goes (省内转入),
        and no word dropped in normalising it (医保转出 names the insurance) but the words of how
        a question asks, which name nothing (外地就医能否报销 is 外地就医报销)."""
        rules, acts, known = self.tokenizer.rules, self.acts, self.catalog_words
        # Most names hold a word the catalog knows: the first such word decides, cheaply. A
        # word of form (费, 人员) right after a word the catalog does not know is part of it
        # (疫苗费用报销: the vaccine's costs); elsewhere it is the catalog's own (费用报销,
        # 参保关系转移).
        return (
            all(
                t in acts
                or t in rules.act_scope
                or t not in known
                or (k > 0 and t in rules.minor and tokens[k - 1] not in known)
                for k, t in enumerate(tokens)
            )
            and any(t in acts for t in tokens)
            and not any(w in cleaned for w in rules.noise if w not in self.asking_words)
        )

    def _joined_acts(self, norm: str, tokens: Sequence[str]) -> tuple[str, str] | None:
        """Two different acts the name joins by a conjunction (登记与维护 → 登记与变更, 备案及
        结算), or None: such a name names two services at once (registering and then keeping
        the details up to date). An act that asks for another (申请与认定) joins nothing; the
        group wordings of main items (参保和变更登记) are read as groups before this."""
        asking = self.tokenizer.rules.asking_acts
        acts = [t for t in tokens if t in self.acts and t not in asking]
        for a, b in zip(acts, acts[1:], strict=False):
            if a != b and any(self._act_then_act(norm, a, c, b) for c in _CONJUNCTIONS):
                return a, b
        return self._joined_services(norm)

    @staticmethod
    def _act_then_act(norm: str, a: str, conjunction: str, b: str) -> bool:
        """Whether act ``a`` closes what comes before ``conjunction`` and act ``b`` closes what
        follows it: 转移接续及停保登记 (moved, and stopped) names two services as 备案及结算
        does, though the second act's object stands between the conjunction and its act."""
        at = norm.find(f"{a}{conjunction}")
        return at >= 0 and b in norm[at + len(a) + len(conjunction) :]

    def _joined_services(self, norm: str) -> tuple[str, str] | None:
        """The words of two services (``[[joined]]``) on either side of a conjunction in the
        normalised name (生育津贴或费支付: the allowance and the costs), or None."""
        for one, other in self.tokenizer.rules.joined:
            for at, char in enumerate(norm):
                if char not in _CONJUNCTIONS:
                    continue
                before, after = norm[:at], norm[at + 1 :]
                for first, second in ((one, other), (other, one)):
                    a = next((w for w in first if w in before), None)
                    b = next((w for w in second if w in after), None)
                    if a is not None and b is not None:
                        return a, b
        return None

    def _last_act(self, tokens: Sequence[str], entry: int) -> str | None:
        """The last act a name's tokens say is done. An act of its own followed at once by an
        act that only records it (`[acts] recording`: 变更登记) is what is done:
        灵活就业人员参保信息变更登记 changes the registration, it does not register. Unless
        what is changed is a word of ``entry``'s own wordings (缴费基数变更登记, 申报 read as
        登记): changing the base is declaring it, the entry's own act."""
        recording = self.tokenizer.rules.recording_acts
        for k in range(len(tokens) - 1, -1, -1):
            if tokens[k] in self.acts:
                if (
                    k > 0
                    and tokens[k] in recording
                    and tokens[k - 1] in self.own_acts
                    and (k < 2 or tokens[k - 2] not in self.entry_words[entry])
                ):
                    return tokens[k - 1]
                return tokens[k]
        return None

    def _act_doubt(self, cleaned: str, norm: str, entry: int) -> _ActDoubt | None:
        """Why a name may not be accepted as ``entry`` for what it says is done, or None.

        A name that is one act word and nothing else (转出, 报销: no insurance, relation or
        person named, not even a word matching drops) says what is done but not to what; a list
        of another insurance system names its events so. So does a name whose other words are
        where the act goes (省内转入) or words no catalog wording holds (档案转移: another thing
        moved; 疫苗费用报销: costs the catalog does not name). A name whose last act is one of its
        own (零星报销进度查询 asks about a reimbursement, 定点医疗机构变更 changes a designation),
        or whose first word is one written before its object (查询生育医疗费用报销), names another
        service than an entry none of whose wordings holds that act, however much of the
        entry's wording it repeats."""
        if not self.acts:
            return None
        tokens = self.tokenizer.tokens_of_normalized(norm)
        name = self.catalog.entries[entry].canonical_name
        if self._act_without_object(cleaned, tokens):
            act = next(t for t in tokens if t in self.acts)
            rest = "、".join(t for t in tokens if t not in self.acts)
            if rest:
                return _ActDoubt(f"name says {act} of {rest}, nothing the catalog names: {name} is a guess")
            return _ActDoubt(f"name says only {act}, not to what: {name} is a guess")
        joined = self._joined_acts(norm, tokens)
        if joined is not None:
            return _ActDoubt(
                f"{SEVERAL_REASON}{joined[0]} and {joined[1]} joined, {name} is one of them",
                several=True,
            )
        last = self._last_act(tokens, entry)
        if last is not None and last in self.own_acts and last not in self.entry_words[entry]:
            return _ActDoubt(f"name asks for {last}, which no wording of {name} holds", last)
        # An act of its own written first, before what it is done to (查询生育医疗费用报销,
        # 变更定点医疗机构), asks for that act as much as one written last: the rest of the name
        # is its object, however well that object matches an entry.
        first = tokens[0] if tokens else None
        if (
            first is not None
            and first in self.own_acts
            and len(tokens) > 1
            and first not in self.entry_words[entry]
        ):
            return _ActDoubt(f"name asks for {first}, which no wording of {name} holds", first)
        # An act of its own said of an object before the act that scores (公司地址变更社保迁移:
        # the employer's address changed, the move following it) names a service of its own as
        # much as one said last: the entry's act is what follows from it, not what is asked.
        # Unless what is changed is a word of the entry's own wordings (缴费基数变更, read as
        # the declaration): then the act is the entry's, as in _last_act.
        for k in range(1, len(tokens) - 1):
            act = tokens[k]
            if (
                act in self.own_acts
                and act not in self.entry_words[entry]
                and tokens[k - 1] not in self.entry_words[entry]
                and tokens[k - 1] not in self.acts
                and any(t in self.acts and t in self.entry_words[entry] for t in tokens[k + 1 :])
            ):
                return _ActDoubt(f"name says {act} of {tokens[k - 1]} as well, which no wording of {name} holds", act)
        return None

    # -- content ------------------------------------------------------------------------

    def apply_content(self, decisions: list[_Decision], prints: list[ContentFingerprint]) -> None:
        s = self.settings
        labels = [
            str(d.entry) if d.entry is not None and not d.needs_review else None for d in decisions
        ]
        prints = without_common(prints, labels)
        # Each distinct content once per entry: the copies of a guide (its PDF and its
        # DOCX, the same guide in many regions) are one piece of evidence, compared once.
        references: dict[int, dict[ContentFingerprint, None]] = defaultdict(dict)
        for d, fp in zip(decisions, prints, strict=True):
            if d.entry is not None and not d.needs_review and not fp.empty:
                references[d.entry][fp] = None
        for d, fp in zip(decisions, prints, strict=True):
            if not d.needs_review or d.blocked or fp.empty or not d.candidates:
                continue
            # Content chooses only among candidates the name already makes plausible.
            plausible = [
                (j, sc)
                for j, sc in d.candidates
                if sc >= s.suggest_score and d.recalls.get(j, 0.0) >= s.min_recall
            ]
            sims = [
                (j, sc, best_similarity(fp, list(references.get(j, ())))) for j, sc in plausible
            ]
            scored = sorted(((sim, j, sc) for j, sc, sim in sims if sim is not None), reverse=True)
            if not scored:
                continue
            top_sim, top_entry, top_score = scored[0]
            next_sim = scored[1][0] if len(scored) > 1 else 0.0
            if top_sim < s.content_min or top_sim - next_sim < s.content_margin:
                continue
            if top_entry != d.entry and top_sim < s.content_switch:
                # Weaker evidence may confirm what the name says, not overrule it.
                d.reason = f"{d.reason}; content points to {self.catalog.entries[top_entry].canonical_name}"
                continue
            if top_entry != d.entry:
                others = [(j, sc) for j, sc in d.candidates if j != top_entry]
                d.runner_up, d.runner_score = others[0] if others else (None, 0.0)
                d.umbrella_covers = ()
            d.entry, d.score, d.method = top_entry, top_score, "content"
            d.needs_review, d.reason = False, None

    # -- one-to-many --------------------------------------------------------------------

    def covers(self, item: ItemRecord | None, d: _Decision, taken: set[str]) -> list[str]:
        """Catalog ids the item covers besides its primary, minus those ``taken`` by
        other items of the same document."""
        if d.entry is None:
            return []
        primary = self.catalog.entries[d.entry]
        if (
            d.forced_covers is None
            and item is None
            and not d.umbrella_covers
            and not primary.covers
        ):
            return []  # nothing could be covered (most names)
        if d.forced_covers is not None:
            found = list(d.forced_covers)
        else:
            found = list(d.umbrella_covers) + list(primary.covers)
            if item is not None:
                for part in item.conditions:
                    hits = self.plain_wordings.get(self.tokenizer.normalize(part), set())
                    if len(hits) == 1:
                        found.append(self.catalog.entries[next(iter(hits))].id)
        out = {c for c in found if c != primary.id and c not in taken}
        return [e.id for e in self.catalog.entries if e.id in out]

    def candidate(self, j: int, score: float) -> Candidate:
        """Entry ``j`` as a candidate with ``score`` (one shared object per entry and score)."""
        found = self._candidates.get((j, score))
        if found is None:
            entry = self.catalog.entries[j]
            found = Candidate(entry.id, entry.canonical_name, round(score, 1))
            self._candidates[(j, score)] = found
        return found

    def to_match(self, d: _Decision, covers: list[str]) -> Match:
        entries = self.catalog.entries
        candidate = self.candidate
        runner = candidate(d.runner_up, d.runner_score) if d.runner_up is not None else None
        if d.entry is None and d.candidates:
            # Nothing assigned: the best candidate is the one to show next to "none".
            runner = candidate(*d.candidates[0])
        return Match(
            canonical_id=entries[d.entry].id if d.entry is not None else None,
            canonical_name=entries[d.entry].canonical_name if d.entry is not None else None,
            match_score=round(d.score, 1),
            match_method=d.method,
            runner_up=runner,
            also_covers=covers,
            needs_review=d.needs_review,
            review_reason=d.reason,
            catalog_version=self.catalog.version,
            candidates=tuple([candidate(j, sc) for j, sc in d.candidates]),
        )


def _spread_pattern(word: str, at: int) -> str:
    """A pattern of ``word`` with one character (not a separator) put in before its
    ``at``-th character."""
    return f"{re.escape(word[:at])}[^\\s/、，,]{re.escape(word[at:])}"


def _override_decision(aligner: _Aligner, override: Override) -> _Decision:
    entry = None
    if override.canonical_id is not None:
        entry = aligner.entry_pos[aligner.catalog.entry(override.canonical_id).id]
    forced = tuple(aligner.catalog.entry(c).id for c in override.also_covers) or None
    return _Decision(
        entry=entry,
        score=100.0,
        method="override" if entry is not None else "reviewed_none",
        needs_review=False,
        reason=None,
        forced_covers=forced,
        blocked=True,
    )


def match_names(
    names: Sequence[str],
    catalog: Catalog | None = None,
    *,
    sections: Sequence[str | None] | None = None,
    settings: AlignSettings | None = None,
) -> list[Match]:
    """Match many names (each with an optional section label) by name alone, all at once."""
    if not names:
        return []
    catalog = catalog or default_catalog()
    aligner = _Aligner(catalog, settings or AlignSettings())
    scores = catalog.index.score(names, sections)
    # One Match per distinct decision, shared by the names it is for (Match is immutable).
    decisions, decision_of = aligner.decide_all(scores)
    made = [aligner.to_match(d, aligner.covers(None, d, set())) for d in decisions]
    return [made[decision_of[row]] for row in scores.row_of.tolist()]


def match_name(name: str, catalog: Catalog | None = None, *, section: str | None = None) -> Match:
    """Match one name (and its optional section label) by name alone."""
    return match_names([name], catalog, sections=[section])[0]


def align_items(
    items: Sequence[GuideItem | ItemRecord],
    catalog: Catalog | None = None,
    overrides: Overrides | None = None,
    settings: AlignSettings | None = None,
) -> list[Match]:
    """Align a batch of items (one dataset): one :class:`Match` per item, in order.

    Items may be given as :class:`~normalizers.alignment.record.ItemRecord` (what a flow
    holds for a whole corpus) or as full items."""
    catalog = catalog or default_catalog()
    settings = settings or AlignSettings()
    overrides = overrides or Overrides()
    overrides.validate(catalog)
    aligner = _Aligner(catalog, settings)
    records = [as_record(it) for it in items]
    if not records:
        return []
    scores = catalog.index.score([r.item_name for r in records], [r.section for r in records])
    decisions: list[_Decision] = []
    distinct, decision_of = aligner.decide_all(scores)
    made = list(distinct)
    for record, iid, row in zip(records, item_ids(records), scores.row_of.tolist(), strict=True):
        override = overrides.find(iid, item_key(record))
        if override is not None:
            decisions.append(_override_decision(aligner, override))
            continue
        # Each item gets its own copy: content evidence may change it item by item.
        decisions.append(copy.copy(made[decision_of[row]]))
    aligner.apply_content(decisions, [r.content for r in records])

    # Items a document lists on their own are not "covered" by its other items.
    primaries: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for record, d in zip(records, decisions, strict=True):
        if d.entry is not None:
            primaries[_document_key(record)].append(catalog.entries[d.entry].id)
    matches = []
    for record, d in zip(records, decisions, strict=True):
        siblings = list(primaries[_document_key(record)])
        if d.entry is not None:
            siblings.remove(catalog.entries[d.entry].id)
        matches.append(aligner.to_match(d, aligner.covers(record, d, set(siblings))))
    return matches


def apply_match(item: GuideItem, match: Match, catalog: Catalog | None = None) -> GuideItem:
    """Set ``match``'s canonical mapping and evidence on ``item`` itself; returns it.

    ``also_covers`` holds canonical names (as analysts read them). A match still awaiting
    review is applied too, flagged ``needs_review`` with a warning on ``canonical_name``
    that says why, so it is never taken for a confirmed one.
    """
    cat = catalog or default_catalog()
    runner = match.runner_up
    item.canonical_id = match.canonical_id
    item.canonical_name = match.canonical_name
    item.also_covers = [(e.canonical_name if (e := cat.get(c)) else c) for c in match.also_covers]
    item.match_score = round(float(match.match_score), 2)
    item.match_method = match.match_method
    item.match_runner_up = runner.canonical_name if runner else None
    item.match_runner_up_score = round(float(runner.score), 2) if runner else None
    item.needs_review = match.needs_review
    item.catalog_version = match.catalog_version
    if match.needs_review:
        item.warn(REVIEW_WARNING_FIELD, f"{REVIEW_WARNING_PREFIX}{match.review_reason}")
    return item


def apply_alignment(
    items: Sequence[GuideItem], matches: Sequence[Match], catalog: Catalog | None = None
) -> list[GuideItem]:
    """Copies of ``items`` with their matches applied (see :func:`apply_match`)."""
    if len(items) != len(matches):
        raise ValueError(f"{len(items)} items but {len(matches)} matches")
    cat = catalog or default_catalog()
    return [
        apply_match(item.model_copy(deep=True), match, cat)
        for item, match in zip(items, matches, strict=True)
    ]
